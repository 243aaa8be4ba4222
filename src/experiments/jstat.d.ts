// The few jstat distributions the experiment statistics use (jstat ships no types).
declare module 'jstat' {
  interface Continuous { cdf(x: number, ...params: number[]): number; inv(p: number, ...params: number[]): number }
  const jStat: {
    studentt: Continuous;
    normal: Continuous;
    noncentralt: { cdf(x: number, dof: number, ncp: number): number };
  };
  export default jStat;
}
