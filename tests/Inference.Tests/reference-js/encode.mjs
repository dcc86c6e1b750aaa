// The independent GPT-2 tokenizer for the C# tests: js-tiktoken's r50k_base, which is GPT-2's encoding with
// tiktoken's own merge algorithm and its own copy of the ranks.
//
//   node encode.mjs          each stdin line is one JSON string literal (so a text may hold "\n", "\t", ...)
//   node encode.mjs --raw    each stdin line is the text itself
//
// Prints one JSON array of token ids per input line, in order. "<|endoftext|>" in a text becomes 50256, as
// tiktoken's allowed_special="all" and Hugging Face's tokenizers do.
import { Tiktoken } from "js-tiktoken/lite";
import r50k_base from "js-tiktoken/ranks/r50k_base";

const raw = process.argv.includes("--raw");
const encoding = new Tiktoken(r50k_base);

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const lines = Buffer.concat(chunks).toString("utf8").split("\n");
if (lines.at(-1) === "") {
  lines.pop(); // the newline that ends the last line
}

const output = lines.map((line, index) => {
  let text;
  try {
    text = raw ? line : JSON.parse(line);
  } catch (error) {
    throw new Error(`stdin line ${index + 1} is not a JSON string literal (use --raw for plain text): ${error.message}`);
  }
  return JSON.stringify(encoding.encode(text, "all"));
});
process.stdout.write(output.join("\n") + (output.length > 0 ? "\n" : ""));
