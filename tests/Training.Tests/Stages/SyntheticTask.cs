using InstructGpt.Training.Batching;
using InstructGpt.Training.Data;

namespace InstructGpt.Training.Tests.Stages;

/// <summary>
/// A task small enough for a 2-layer character model to learn in seconds: "repeat X:" should be
/// answered " XXX". The reward counts correct letters and penalises anything else.
/// </summary>
internal static class SyntheticTask
{
    private const string Letters = "abcdefghij";

    public static string Prompt(char letter) => $"repeat {letter}:";

    public static string Ideal(char letter) => $" {letter}{letter}{letter}";

    public static IReadOnlyList<string> Prompts(int count, int seed) =>
        Enumerable.Range(0, count).Select(i => Prompt(Letters[(i * 7 + seed) % Letters.Length])).ToList();

    public static IReadOnlyList<Demonstration> Demonstrations(int count, int seed) =>
        Enumerable.Range(0, count).Select(i => Letters[(i * 3 + seed) % Letters.Length]).Select(l => new Demonstration(Prompt(l), Ideal(l))).ToList();

    /// <summary>Higher is better: +1 per correct letter among the first three, −1 per other character, −1 for anything after.</summary>
    public static double Quality(string prompt, string completion)
    {
        var letter = prompt[7];
        var body = completion.TrimStart();
        var score = 0.0;
        for (var i = 0; i < body.Length; i++) score += i < 3 && body[i] == letter ? 1 : -1;
        return score;
    }

    /// <summary>Ranked candidate outputs of varying quality for RM training.</summary>
    public static IReadOnlyList<Comparison> Comparisons(int count, int seed)
    {
        var random = new Random(seed);
        var list = new List<Comparison>();
        for (var i = 0; i < count; i++)
        {
            var letter = Letters[random.Next(Letters.Length)];
            var candidates = new[]
            {
                Ideal(letter),
                $" {letter}{letter}",
                $" {letter}{Letters[random.Next(Letters.Length)]}",
                $" {Letters[random.Next(Letters.Length)]}{Letters[random.Next(Letters.Length)]}{Letters[random.Next(Letters.Length)]}x",
            }.Distinct().ToList();
            var prompt = Prompt(letter);
            var ordered = candidates.OrderByDescending(c => Quality(prompt, c)).ToList();
            var ranks = new List<int>();
            for (var k = 0; k < ordered.Count; k++)
                ranks.Add(k > 0 && Quality(prompt, ordered[k]) == Quality(prompt, ordered[k - 1]) ? ranks[k - 1] : k + 1);
            list.Add(new Comparison(prompt, ordered) { Ranks = ranks });
        }
        return list;
    }
}
