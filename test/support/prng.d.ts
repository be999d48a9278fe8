/** Types of prng.js (a CommonJS module, so that plain node child scripts can share it). */
export declare function prng(seed: number): () => number;
