// Ridge-penalised Poisson regression (log link) by iteratively reweighted least squares, on ml-matrix.
// Columns are scaled to unit variance on the training rows, so one penalty fits all; they are not centred (with an
// unpenalised intercept that gives the same fit) so the many 0/1 calendar columns stay sparse for Matrix.gram().
// A column that never varies in training (an event not yet seen) gets no weight.

import { CholeskyDecomposition, Matrix } from 'ml-matrix';

export interface PoissonModel {
  /** Coefficients on the scaled columns: β_j applies to x_j / scale_j. */
  readonly coef: Float64Array;
  /** Each column's standard deviation in training (0: the column is dropped). */
  readonly scale: Float64Array;
}

const MAX_ETA = 30;

/** Fits log E[y] = x·β on rows X (first column the intercept, all ones), each row's likelihood times its weight; X is scaled in place. */
export function fitPoisson(X: Matrix, y: Float64Array, lambda: number, start?: PoissonModel, weights?: Float64Array, maxIter = 25): PoissonModel {
  const n = X.rows, p = X.columns;
  const scale = new Float64Array(p);
  for (let j = 1; j < p; j++) {
    const col = X.getColumn(j);
    const m = col.reduce((a, b) => a + b, 0) / n;
    const v = col.reduce((a, b) => a + (b - m) * (b - m), 0) / n;
    scale[j] = v > 1e-12 ? Math.sqrt(v) : 0;
  }
  const Z = X;
  for (let j = 1; j < p; j++) Z.mulColumn(j, scale[j] ? 1 / scale[j]! : 0);
  const penalty = Matrix.eye(p, p, lambda);
  penalty.set(0, 0, 0);
  for (let j = 1; j < p; j++) if (!scale[j]) penalty.set(j, j, 1); // a dead column: keep the system solvable, β=0
  const ybar = y.reduce((a, b) => a + b, 0) / n;
  // Start from a smaller model's fit on the same leading columns when given (fewer iterations), else from the mean.
  let beta = new Matrix(p, 1);
  beta.set(0, 0, Math.log(Math.max(ybar, 1e-6)));
  if (start) {
    beta.set(0, 0, start.coef[0]!);
    for (let j = 1; j < start.coef.length; j++) {
      if (scale[j] && start.scale[j]) beta.set(j, 0, (start.coef[j]! / start.scale[j]!) * scale[j]!); // same raw effect
    }
  }
  let prev = Infinity;
  for (let iter = 0; iter < maxIter; iter++) {
    const eta = Z.mmul(beta);
    const sw = new Array<number>(n), wz = new Array<number>(n);
    let dev = 0;
    for (let r = 0; r < n; r++) {
      const e = Math.min(MAX_ETA, eta.get(r, 0));
      const mu = Math.max(Math.exp(e), 1e-8);
      const w = weights ? weights[r]! : 1;
      dev += w * (mu - y[r]! * e);
      sw[r] = Math.sqrt(mu * w);
      wz[r] = sw[r]! * (e + (y[r]! - mu) / mu);
    }
    dev += (lambda / 2) * beta.to1DArray().reduce((a, b, j) => a + (j === 0 ? 0 : b * b), 0);
    if (Math.abs(prev - dev) <= 1e-7 * Math.max(1, Math.abs(dev))) break;
    prev = dev;
    const Zw = Z.clone().mulColumnVector(sw);
    const A = Zw.gram().add(penalty);
    const b = Zw.transposeMultiply(Matrix.columnVector(wz));
    beta = new CholeskyDecomposition(A).solve(b);
  }
  return { coef: Float64Array.from(beta.to1DArray()), scale };
}

/** E[y] for a raw row x. */
export function predictPoisson(m: PoissonModel, x: Float64Array): number {
  let eta = m.coef[0]!;
  for (let j = 1; j < m.coef.length; j++) if (m.scale[j]) eta += (m.coef[j]! * x[j]!) / m.scale[j]!;
  return Math.exp(Math.min(MAX_ETA, eta));
}
