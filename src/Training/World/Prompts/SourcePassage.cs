using InstructGpt.Training.World.WordNet;
using static InstructGpt.Training.World.EnglishPhrasing;

namespace InstructGpt.Training.World.Prompts;

/// <summary>
/// A short paragraph about one concept, built only from its WordNet facts: the source text of summarization,
/// closed QA and extract prompts. Records exactly which facts it states, so a demonstration can use those and
/// nothing else.
/// </summary>
internal sealed record SourcePassage(Concept Concept, string Text, SourceFacts Facts,
    IReadOnlyList<string> Kinds, IReadOnlyList<string> Parts, IReadOnlyList<string> OtherNames, string? Example)
{
    /// <summary>Sources stay short enough for a tiny model's context and attention.</summary>
    public const int MaxWords = 80;

    /// <summary>A passage that states every fact in <paramref name="required"/> and, by chance, some others.</summary>
    public static SourcePassage Write(Concept c, SourceFacts required, WorldRandom random)
    {
        var available = Available(c);
        var facts = required;
        foreach (var fact in new[] { SourceFacts.Hypernym, SourceFacts.Kinds, SourceFacts.Parts, SourceFacts.OtherNames, SourceFacts.Example })
        {
            if (available.HasFlag(fact) && random.Chance(0.6)) facts |= fact;
        }

        var kinds = facts.HasFlag(SourceFacts.Kinds) ? c.Hyponyms.Take(random.Between(2, Math.Min(3, c.Hyponyms.Count))).ToArray() : [];
        var parts = facts.HasFlag(SourceFacts.Parts) ? c.Parts.Take(Math.Min(3, c.Parts.Count)).ToArray() : [];
        var otherNames = facts.HasFlag(SourceFacts.OtherNames) ? c.Synonyms.Take(Math.Min(2, c.Synonyms.Count)).ToArray() : [];
        var example = facts.HasFlag(SourceFacts.Example) ? random.Pick(c.Examples) : null;

        var sentences = new List<string> { c.DefinitionSentence };
        if (facts.HasFlag(SourceFacts.Hypernym))
        {
            sentences.Add(c.Pos == PartOfSpeech.Verb ? $"It is a way to {c.Hypernym}." : $"It is a kind of {c.Hypernym}.");
        }
        if (kinds.Length > 0)
        {
            sentences.Add(c.Pos == PartOfSpeech.Verb
                ? $"Ways to {c.Word} include {JoinList(kinds)}."
                : $"There are several kinds of {c.Word}, such as {JoinList(kinds)}.");
        }
        if (parts.Length > 0) sentences.Add(Sentence($"{c.Phrase} has parts such as {JoinList(parts)}"));
        if (otherNames.Length > 0)
        {
            sentences.Add(otherNames.Length == 1 ? $"It is also called {otherNames[0]}." : $"It is also called {JoinList(otherNames)}.");
        }
        if (example is not null) sentences.Add($"For example: {example}");

        return new SourcePassage(c, string.Join(' ', sentences), facts, kinds, parts, otherNames, example);
    }

    /// <summary>The facts a concept has enough material for.</summary>
    public static SourceFacts Available(Concept c) =>
        (c.Hypernym is not null ? SourceFacts.Hypernym : 0) |
        (c.Hyponyms.Count >= 2 ? SourceFacts.Kinds : 0) |
        (c.Parts.Count >= 1 ? SourceFacts.Parts : 0) |
        (c.Synonyms.Count >= 1 ? SourceFacts.OtherNames : 0) |
        (c.Examples.Count >= 1 ? SourceFacts.Example : 0);
}
