using System.Text;

namespace InstructGpt.Inference.Tokenization;

/// <summary>
/// merges.txt, Hugging Face's name for GPT-2's vocab.bpe: a <c>#version: 0.2</c> line, then one merge per line as
/// the two tokens separated by one space, highest priority first. Tokens are spelled in the
/// <see cref="ByteLevelAlphabet"/>, which has no space, so one space always separates exactly two tokens.
/// </summary>
internal static class MergesFile
{
    public const string FileName = "merges.txt";

    // What GPT-2's vocab.bpe and Hugging Face's merges.txt start with; readers skip it.
    private const string VersionLine = "#version: 0.2";

    /// <summary>The merges in rank order, as pairs of ids in <paramref name="idOfToken"/>.</summary>
    public static List<(int Left, int Right)> Read(string path, IReadOnlyDictionary<string, int> idOfToken)
    {
        var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n');
        var merges = new List<(int Left, int Right)>(lines.Length);
        var seen = new HashSet<(int, int)>();
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index].TrimEnd('\r');
            if (index == 0 && line.StartsWith("#version", StringComparison.Ordinal))
            {
                continue;
            }
            if (line.Length == 0 && index == lines.Length - 1)
            {
                break; // the newline that ends the last line
            }

            var fields = line.Split(' ');
            if (fields.Length != 2 || fields[0].Length == 0 || fields[1].Length == 0)
            {
                throw new TokenizerFileException(path, lineNumber,
                    $"expected two tokens separated by one space, such as \"Ġ t\", but found {fields.Count(f => f.Length > 0)} in \"{line}\"");
            }
            var left = IdOf(fields[0]);
            var right = IdOf(fields[1]);
            if (!idOfToken.ContainsKey(fields[0] + fields[1]))
            {
                throw new TokenizerFileException(path, lineNumber,
                    $"the merge \"{line}\" makes \"{fields[0] + fields[1]}\", which is not in the vocabulary");
            }
            if (!seen.Add((left, right)))
            {
                throw new TokenizerFileException(path, lineNumber, $"the merge \"{line}\" appears twice");
            }
            merges.Add((left, right));

            int IdOf(string token) => idOfToken.TryGetValue(token, out var id)
                ? id
                : throw new TokenizerFileException(path, lineNumber, $"the token \"{token}\" is not in the vocabulary");
        }
        return merges;
    }

    public static void Write(string path, IReadOnlyList<string> tokens, IReadOnlyList<(int Left, int Right)> merges)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: -1, leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine(VersionLine);
            foreach (var (left, right) in merges)
            {
                writer.WriteLine($"{tokens[left]} {tokens[right]}");
            }
        });
    }
}
