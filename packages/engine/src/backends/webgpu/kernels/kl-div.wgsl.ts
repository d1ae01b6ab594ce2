import { type Kernel, params, storage } from './kernel.ts';
import { perRow, workgroupReduce } from './reduce.wgsl.ts';

/**
 * Log-sum-exp of student / T and teacher / T over one row (4 workgroup reductions), shared by the
 * forward and the backward. Defines ls, lt so that log p_i = s_i / T - ls and log q_i = t_i / T - lt.
 */
const logSumExps = `    let base = row * p.V;
    var ms = NEG_BIG;
    var mt = NEG_BIG;
    for (var i = li; i < p.V; i += 256u) {
      ms = max(ms, student[base + i] / p.temperature);
      mt = max(mt, teacher[base + i] / p.temperature);
    }
    let maxS = wgMax(ms, li, 0u);
    let maxT = wgMax(mt, li, 1u);
    var ss = 0.0;
    var st = 0.0;
    for (var i = li; i < p.V; i += 256u) {
      ss += exp(student[base + i] / p.temperature - maxS);
      st += exp(teacher[base + i] / p.temperature - maxT);
    }
    let ls = maxS + log(wgSum(ss, li, 2u));
    let lt = maxT + log(wgSum(st, li, 3u));`;

const bindings = `${storage(2, 'student', 'f32', 'read')}
${storage(3, 'teacher', 'f32', 'read')}
${storage(4, 'weights', 'f32', 'read')}`;

/**
 * losses = w · T² · (beta · KL(q‖p) + (1 - beta) · KL(p‖q)). Masked rows still run the reductions
 * (their barriers must be reached by the whole workgroup) and then write 0.
 */
export const klDivForward: Kernel = {
  name: 'kl_div_forward',
  writes: 1,
  code: `${params('N: u32, V: u32, temperature: f32, beta: f32,')}
${storage(1, 'losses', 'f32', 'read_write')}
${bindings}
${workgroupReduce}
${perRow(
  'p.N',
  `${logSumExps}
    var fwd = 0.0;
    var rev = 0.0;
    for (var i = li; i < p.V; i += 256u) {
      let lp = student[base + i] / p.temperature - ls;
      let lq = teacher[base + i] / p.temperature - lt;
      fwd += exp(lq) * (lq - lp);
      rev += exp(lp) * (lp - lq);
    }
    let kf = wgSum(fwd, li, 4u);
    let kr = wgSum(rev, li, 5u);
    if (li == 0u) {
      let w = weights[row];
      losses[row] = select(w * p.temperature * p.temperature * (p.beta * kf + (1.0 - p.beta) * kr), 0.0, w == 0.0);
    }`,
)}`,
};

/** dstudent += scale · w · T · (beta (p - q) + (1 - beta) p (log p - log q - KL(p‖q))). */
export const klDivBackward: Kernel = {
  name: 'kl_div_backward',
  writes: 1,
  code: `${params('N: u32, V: u32, temperature: f32, beta: f32, scale: f32,')}
${storage(1, 'dstudent', 'f32', 'read_write')}
${bindings}
${workgroupReduce}
${perRow(
  'p.N',
  `${logSumExps}
    var rev = 0.0;
    for (var i = li; i < p.V; i += 256u) {
      let lp = student[base + i] / p.temperature - ls;
      let lq = teacher[base + i] / p.temperature - lt;
      rev += exp(lp) * (lp - lq);
    }
    let kr = wgSum(rev, li, 5u);
    let k = p.scale * weights[row] * p.temperature;
    if (k != 0.0) {
      for (var i = li; i < p.V; i += 256u) {
        let lp = student[base + i] / p.temperature - ls;
        let lq = teacher[base + i] / p.temperature - lt;
        let pi = exp(lp);
        dstudent[base + i] += k * (p.beta * (pi - exp(lq)) + (1.0 - p.beta) * pi * (lp - lq - kr));
      }
    }`,
)}`,
};
