/**
 * A checkpoint that cannot be imported as it is: a truncated or inconsistent file, an architecture or
 * tokenizer the engine does not compute. The message names the file and what is wrong, so the server
 * can hand it to the user as a 400; any other error while importing is the server's fault.
 */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
}
