using System.CommandLine;
using System.Text.Json;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Cli.Commands;

/// <summary>
/// <c>instructgpt tokenize --model DIR [--decode]</c>: one line of text in, one JSON array of token ids
/// out (or the reverse). A directory with only vocab.json and merges.txt is enough.
/// </summary>
internal static class TokenizeCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        model.Description = "Directory holding vocab.json and merges.txt (a checkpoint, or just a tokenizer)";
        var decode = new Option<bool>("--decode") { Description = "Read JSON arrays of ids and write text" };
        var command = new Command("tokenize", "Encode lines of stdin to token ids (or decode them back)") { model, decode };
        command.SetAction(parse =>
        {
            BpeTokenizer tokenizer;
            try
            {
                tokenizer = BpeTokenizer.Load(parse.GetValue(model)!);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
            {
                Console.Error.WriteLine($"instructgpt tokenize: {e.Message}");
                return 2;
            }
            var lineNumber = 0;
            while (Console.In.ReadLine() is { } line)
            {
                lineNumber++;
                if (!parse.GetValue(decode))
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(tokenizer.Encode(line)));
                    continue;
                }
                int[]? ids;
                try
                {
                    ids = JsonSerializer.Deserialize<int[]>(line);
                }
                catch (JsonException e)
                {
                    Console.Error.WriteLine($"instructgpt tokenize: stdin line {lineNumber}: expected a JSON array of token ids ({e.Message})");
                    return 2;
                }
                if (ids is null || ids.Any(id => id < 0 || id >= tokenizer.VocabSize))
                {
                    Console.Error.WriteLine($"instructgpt tokenize: stdin line {lineNumber}: token ids must be in [0, {tokenizer.VocabSize - 1}]");
                    return 2;
                }
                Console.Out.WriteLine(tokenizer.Decode(ids));
            }
            return 0;
        });
        return command;
    }
}
