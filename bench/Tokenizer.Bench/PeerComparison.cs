/// <summary>
/// <c>--peer ROUNDS</c>: our GPT-2 encoder against Microsoft.ML.Tokenizers' (docs/architecture.md, "Why our own BPE
/// encoder"). First the ids of every document, and the text decoded from our ids, must agree; then ROUNDS rounds, each
/// loading every tokenizer afresh, in an order that rotates from round to round so that none always runs first,
/// and timing a cold encode pass (empty caches, as after loading), a warm one (the same text again) and a decode
/// pass of those ids. It reports each tokenizer's median MB/s of UTF-8 and, per peer, the median (and range) over
/// rounds of the peer's time divided by ours in the same round: above 1 the peer is slower.
/// </summary>
internal static class PeerComparison
{
    private static readonly string[] Passes = ["cold encode", "warm encode", "decode"];

    public static void Run(IReadOnlyList<string> documents, long bytes, string vocabDirectory, int rounds)
    {
        GptTokenizerUnderTest[] contenders = [GptTokenizerUnderTest.Ours(vocabDirectory), GptTokenizerUnderTest.MlTiktoken(), GptTokenizerUnderTest.MlCodeGen(vocabDirectory)];
        CheckParity(documents, contenders);

        // times[contender][pass][round]
        var times = contenders.Select(_ => Passes.Select(_ => new List<PassTime>()).ToArray()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < contenders.Length; k++)
            {
                var c = (round + k) % contenders.Length;
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var tokenizer = contenders[c].Load();
                var ids = new IReadOnlyList<int>[documents.Count];
                times[c][0].Add(PassTime.Measure(() => { for (var i = 0; i < ids.Length; i++) ids[i] = tokenizer.Encode(documents[i]); }));
                times[c][1].Add(PassTime.Measure(() => { for (var i = 0; i < ids.Length; i++) ids[i] = tokenizer.Encode(documents[i]); }));
                times[c][2].Add(PassTime.Measure(() => { foreach (var sequence in ids) tokenizer.Decode(sequence); }));
            }
        }

        Console.WriteLine($"{rounds} rounds; MB/s are medians over rounds (wall | per CPU-second); 'x ours' is the peer's time over ours in the same round, median [min-max]:");
        for (var p = 0; p < Passes.Length; p++)
        {
            for (var c = 0; c < contenders.Length; c++)
            {
                var line = $"  {Passes[p],-12} {contenders[c].Name,-22} {bytes / 1e6 / Median(times[c][p].Select(t => t.WallSeconds)),6:F2} | {bytes / 1e6 / Median(times[c][p].Select(t => t.CpuSeconds)),6:F2} MB/s";
                if (c > 0) line += $"   wall {Ratio(times[c][p], times[0][p], t => t.WallSeconds)} x ours, CPU {Ratio(times[c][p], times[0][p], t => t.CpuSeconds)} x ours";
                Console.WriteLine(line);
            }
        }
    }

    /// <summary>
    /// Counts the documents whose ids, or whose text decoded from our ids, differ from ours, in one pass over the
    /// corpus in its order (as a server would see text); those that differ are encoded again by a fresh instance,
    /// since a peer's answer may depend on what it encoded before (its caches).
    /// </summary>
    private static void CheckParity(IReadOnlyList<string> documents, GptTokenizerUnderTest[] contenders)
    {
        var ours = contenders[0].Load();
        var ourIds = documents.Select(d => ours.Encode(d)).ToArray();
        var ourText = ourIds.Select(ours.Decode).ToArray();
        foreach (var contender in contenders.Skip(1))
        {
            var peer = contender.Load();
            var differ = new List<int>();
            var textMismatches = 0;
            for (var i = 0; i < documents.Count; i++)
            {
                if (!peer.Encode(documents[i]).SequenceEqual(ourIds[i])) differ.Add(i);
                if (peer.Decode(ourIds[i]) != ourText[i]) textMismatches++;
            }
            var fresh = contender.Load();
            var stillDiffer = differ.Count(i => !fresh.Encode(documents[i]).SequenceEqual(ourIds[i]));
            Console.WriteLine($"parity, {contender.Name}: ids differ on {differ.Count} of {documents.Count} documents" +
                (differ.Count > 0 ? $" (first: document {differ[0]}; {stillDiffer} of them on a fresh instance)" : "") +
                $", decoded text on {textMismatches}");
        }
    }

    private static string Ratio(List<PassTime> peer, List<PassTime> ours, Func<PassTime, double> seconds)
    {
        var ratios = peer.Zip(ours, (p, o) => seconds(p) / seconds(o)).ToList();
        return $"{Median(ratios):F2} [{ratios.Min():F2}-{ratios.Max():F2}]";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
