using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Cli.Commands;

/// <summary><c>instructgpt generate --model DIR --prompt TEXT [sampling options]</c></summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var device = CommonOptions.Device();
        var dtype = CommonOptions.DType();
        var prompt = new Option<string[]>("--prompt", "-p") { Description = "Prompt text; repeat for a batch", Required = true, AllowMultipleArgumentsPerToken = false };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens to generate at most", DefaultValueFactory = _ => 16 };
        var temperature = new Option<double>("--temperature") { Description = "0 is greedy; 0..2", DefaultValueFactory = _ => 1.0 };
        var topP = new Option<double>("--top-p") { Description = "Nucleus sampling mass, (0, 1]", DefaultValueFactory = _ => 1.0 };
        var topK = new Option<int>("--top-k") { Description = "Keep the k most likely tokens; 0 disables", DefaultValueFactory = _ => 0 };
        var n = new Option<int>("--n") { Description = "Completions per prompt", DefaultValueFactory = _ => 1 };
        var stop = new Option<string[]>("--stop") { Description = "Stop sequence (repeatable, at most 4); excluded from the output" };
        var seed = new Option<ulong?>("--seed") { Description = "Same seed, same output" };
        var logprobs = new Option<int?>("--logprobs") { Description = "Also return the top-k logprobs of each token (0..20)" };
        var echo = new Option<bool>("--echo") { Description = "Prepend the prompt to the output" };
        var json = new Option<bool>("--json") { Description = "Print OpenAI-style JSON instead of plain text" };

        var command = new Command("generate", "Generate completions from a checkpoint") { model, prompt, maxTokens, temperature, topP, topK, n, stop, seed, logprobs, echo, json, device, dtype };
        command.SetAction(parse =>
        {
            var options = new SamplingOptions
            {
                MaxTokens = parse.GetValue(maxTokens),
                Temperature = parse.GetValue(temperature),
                TopP = parse.GetValue(topP),
                TopK = parse.GetValue(topK),
                N = parse.GetValue(n),
                Stop = parse.GetValue(stop) ?? [],
                Seed = parse.GetValue(seed),
                Logprobs = parse.GetValue(logprobs),
                Echo = parse.GetValue(echo),
            };
            try
            {
                options.Validate();
                var directory = parse.GetValue(model)!;
                var checkpoint = Checkpoint.Open(directory);
                var tokenizer = BpeTokenizer.Load(directory);
                using var lm = checkpoint.LoadLanguageModel(TorchDtypes.Parse(parse.GetValue(dtype)!), CommonOptions.ParseDevice(parse.GetValue(device)));
                lm.eval();
                var results = new CompletionGenerator(lm, tokenizer).Generate(parse.GetValue(prompt)!, options);
                if (parse.GetValue(json))
                    Console.WriteLine(JsonSerializer.Serialize(results.Select(r => new
                    {
                        prompt_index = r.PromptIndex, index = r.Index, text = r.Text,
                        finish_reason = r.FinishReason == FinishReason.Stop ? "stop" : "length",
                        logprobs = r.Logprobs?.Select(l => new { token = l.Token, logprob = l.Logprob, offset = l.TextOffset, top = l.Top.ToDictionary(t => t.Token, t => t.Logprob) }),
                    }), new JsonSerializerOptions { WriteIndented = true }));
                else
                    foreach (var r in results)
                    {
                        if (results.Count > 1) Console.WriteLine($"--- prompt {r.PromptIndex}, sample {r.Index} ({(r.FinishReason == FinishReason.Stop ? "stop" : "length")})");
                        Console.WriteLine(r.Text);
                    }
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or ExternalException)
            {
                Console.Error.WriteLine($"instructgpt generate: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
