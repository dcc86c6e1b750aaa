using System.Text;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Tests.Tokenization;

public class BytePairMergeTests
{
    [Fact]
    public void MatchesEncoderPyOnRandomPiecesWithGpt2Merges()
    {
        var reference = EncoderPy.FromFiles(TestData.Gpt2Directory);
        var random = new Random(99);
        for (var trial = 0; trial < 1500; trial++)
        {
            // Letters from a small alphabet make long pieces with many competing merges; other pieces come from RandomText.
            var text = trial % 3 == 0
                ? new string(Enumerable.Range(0, random.Next(1, 200)).Select(_ => "etaoinshrdlu"[random.Next(12)]).ToArray())
                : RandomText.Next(random, random.Next(1, 12));
            foreach (var piece in PreTokenizer.Split(text))
            {
                Assert.Equal(reference.Encode(piece), TestData.Gpt2.Encode(piece, SpecialTokenHandling.AsPlainText));
            }
        }
    }

    [Fact]
    public void MatchesEncoderPyWithATrainedVocabulary()
    {
        // A trained vocabulary can hold two merges that spell the same token, which GPT-2's does not.
        var texts = TestData.ReadJsonLines(Path.Combine(TestData.CorpusDirectory, "real-text.jsonl"));
        var trained = BpeTokenizer.Train(texts.Take(1500), 2000);
        var directory = Directory.CreateTempSubdirectory("bpe-merge-").FullName;
        try
        {
            trained.Save(directory);
            var reference = EncoderPy.FromFiles(directory);
            foreach (var text in texts.Skip(1500).Take(300))
            {
                foreach (var piece in PreTokenizer.Split(text))
                {
                    Assert.Equal(reference.Encode(piece), trained.Encode(piece, SpecialTokenHandling.AsPlainText));
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void EmptyAndOneSymbolPiecesAreLeftAlone()
    {
        var merges = new MergeTable([(0, 1)], [2]);
        Assert.Equal(0, BytePairMerge.Apply([], merges));
        int[] one = [1];
        Assert.Equal(1, BytePairMerge.Apply(one, merges));
        Assert.Equal([1], one);
    }

    [Fact]
    public void MergesEveryOccurrenceOfTheBestPairBeforeAPairItCreates()
    {
        // (x,a) outranks (a,b) but only appears once "a b" has become x. GPT-2 merges every "a b" first and gets
        // [x, x]; merging one occurrence at a time (as tiktoken does) would give [y, b]. Trained merge lists never
        // rank a pair above the merges that make its tokens, so only a hand-made list can tell the two apart.
        const int a = 0, b = 1, x = 2, y = 3;
        var merges = new MergeTable([(x, a), (a, b)], [y, x]);
        int[] symbols = [a, b, a, b];
        var count = BytePairMerge.Apply(symbols, merges);
        Assert.Equal([x, x], symbols[..count]);
    }

    [Fact]
    public void RunsOfOneSymbolMergeLeftToRightWithoutOverlap()
    {
        const int a = 0, b = 1, aa = 2, baa = 3;
        var merges = new MergeTable([(a, a), (b, aa)], [aa, baa]);
        int[] symbols = [b, a, a, a, a, a];
        var count = BytePairMerge.Apply(symbols, merges);
        Assert.Equal([baa, aa, a], symbols[..count]);
    }

    /// <summary>
    /// GPT-2's <c>Encoder.bpe</c> (openai/gpt-2 src/encoder.py) transcribed as directly as C# allows, over the
    /// tokens' spellings: slow and quadratic, but obviously the original.
    /// </summary>
    private sealed class EncoderPy
    {
        private readonly Dictionary<string, int> encoder;
        private readonly Dictionary<(string, string), int> bpeRanks = [];

        private EncoderPy(string directory)
        {
            encoder = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(directory, "vocab.json")))!;
            var lines = File.ReadAllText(Path.Combine(directory, "merges.txt"), Encoding.UTF8).Split('\n')[1..^1];
            for (var i = 0; i < lines.Length; i++)
            {
                var pair = lines[i].Split(' ');
                bpeRanks[(pair[0], pair[1])] = i;
            }
        }

        public static EncoderPy FromFiles(string directory) => new(directory);

        public int[] Encode(string piece)
        {
            var token = string.Concat(Encoding.UTF8.GetBytes(piece).Select(b => ByteLevelAlphabet.ToChar(b)));
            return Bpe(token).Select(t => encoder[t]).ToArray();
        }

        private List<string> Bpe(string token)
        {
            var word = token.Select(c => c.ToString()).ToList();
            while (word.Count > 1)
            {
                var pairs = Enumerable.Range(0, word.Count - 1).Select(i => (word[i], word[i + 1])).ToList();
                var bigram = pairs.MinBy(p => bpeRanks.GetValueOrDefault(p, int.MaxValue));
                if (!bpeRanks.ContainsKey(bigram))
                {
                    break;
                }
                var (first, second) = bigram;
                var newWord = new List<string>();
                var i = 0;
                while (i < word.Count)
                {
                    var j = word.IndexOf(first, i);
                    if (j < 0)
                    {
                        newWord.AddRange(word.Skip(i));
                        break;
                    }
                    newWord.AddRange(word.Skip(i).Take(j - i));
                    i = j;
                    if (word[i] == first && i < word.Count - 1 && word[i + 1] == second)
                    {
                        newWord.Add(first + second);
                        i += 2;
                    }
                    else
                    {
                        newWord.Add(word[i]);
                        i += 1;
                    }
                }
                word = newWord;
            }
            return word;
        }
    }
}
