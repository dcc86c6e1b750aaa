// Drives the InstructGpt API with OpenAI's official Node client: models, completions (plain and streamed),
// chat (plain and streamed), and an error. Prints one JSON object for OpenAiClientTests.cs to check.
//   node openai-client.mjs <base URL ending in /v1> <API key>
import OpenAI from "openai";

const [baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });
const results = {};

const models = await client.models.list();
results.models = models.data.map((m) => ({ id: m.id, object: m.object, stage: m.stage, parent: m.parent }));

const completion = await client.completions.create({
  model: "sft", prompt: "Hello from Node", max_tokens: 12, temperature: 0, logprobs: 2, ignore_eos: true,
});
results.completion = {
  id: completion.id,
  object: completion.object,
  text: completion.choices[0].text,
  finishReason: completion.choices[0].finish_reason,
  logprobTokens: completion.choices[0].logprobs.tokens.length,
  usage: completion.usage,
};

const stream = await client.completions.create({
  model: "sft", prompt: "Hello from Node", max_tokens: 12, temperature: 0, ignore_eos: true,
  stream: true, stream_options: { include_usage: true },
});
let streamedText = "";
let streamedUsage = null;
let chunks = 0;
for await (const chunk of stream) {
  chunks++;
  for (const choice of chunk.choices) streamedText += choice.text;
  if (chunk.usage) streamedUsage = chunk.usage;
}
results.stream = { text: streamedText, chunks, usage: streamedUsage };

const messages = [{ role: "system", content: "Be brief." }, { role: "user", content: "What is a fox?" }];
const chat = await client.chat.completions.create({ model: "sft", messages, max_tokens: 12, temperature: 0, n: 2 });
results.chat = {
  id: chat.id,
  object: chat.object,
  roles: chat.choices.map((c) => c.message.role),
  contents: chat.choices.map((c) => c.message.content),
  usage: chat.usage,
};

const chatStream = await client.chat.completions.create({ model: "sft", messages, max_tokens: 12, temperature: 0, stream: true });
let chatText = "";
for await (const chunk of chatStream) chatText += chunk.choices[0]?.delta?.content ?? "";
results.chatStream = { content: chatText };

try {
  await client.completions.create({ model: "no-such-model", prompt: "x" });
  results.error = null;
} catch (e) {
  results.error = { status: e.status, code: e.code, type: e.type, param: e.param, message: e.message };
}

console.log(JSON.stringify(results));
