using System.Text.RegularExpressions;
using InstructGpt.Tasks.Labeling;
using InstructGpt.Training.World.WordNet;

namespace InstructGpt.Training.World;

/// <summary>
/// The word senses the world writes about: common, clearly defined ones. A word qualifies in a synset that is its
/// most frequent sense (sense 1 in index.*), tagged often enough in the semantic concordances (cntlist.rev) to be
/// familiar, with a short definition, and free of every term of the labeler's safety and toxicity lists (so a
/// reference answer never trips a harm flag). The tiny models trained on this world must learn these facts in
/// minutes, so familiarity and short definitions matter more than coverage.
/// </summary>
public sealed partial class ConceptInventory
{
    /// <summary>
    /// Minimum concordance tag counts for <see cref="ConceptBreadth.Familiar"/>: about 3,000 familiar nouns and
    /// several hundred verbs and adjectives. Animals, plants and foods are rarely tagged but easy to classify, so
    /// they need fewer tags.
    /// </summary>
    private static readonly TagThresholds FamiliarThresholds = new(Nouns: 3, ConcreteNouns: 1, Verbs: 8, Adjectives: 4);

    /// <summary>For <see cref="ConceptBreadth.Broad"/>: every tagged sense, enough for the paper's 87,000 distinct prompts.</summary>
    private static readonly TagThresholds BroadThresholds = new(Nouns: 1, ConcreteNouns: 1, Verbs: 1, Adjectives: 1);

    private sealed record TagThresholds(int Nouns, int ConcreteNouns, int Verbs, int Adjectives);

    /// <summary>
    /// How many senses <see cref="ConceptBreadth.Core"/> keeps. In the default world's 10,000 pretraining documents a
    /// concept's definition is written out about 14 times per epoch at the familiar inventory's 4,600 senses and at
    /// 1,000, and the tiny base model learned 1 definition in 40; at 300 it is about 50 times, and it learned 23 in 40
    /// (docs/results.md).
    /// </summary>
    public const int CoreConcepts = 300;

    private static readonly int[] ConcreteNounFiles =
        [LexicographerFile.NounAnimal, LexicographerFile.NounPlant, LexicographerFile.NounFood];

    /// <summary>Definitions longer than this are hard for a tiny model to reproduce, and make answers long.</summary>
    public const int MaxDefinitionWords = 16;
    public const int MinDefinitionWords = 3;
    public const int MaxExampleWords = 14;

    /// <summary>Related words listed per concept, most familiar first.</summary>
    public const int MaxRelatedWords = 8;

    /// <summary>Broad classes for classification prompts, by lexicographer file (lexnames(5WN)).</summary>
    private static readonly Dictionary<int, string> ClassLabels = new()
    {
        [LexicographerFile.NounAnimal] = "animal",
        [LexicographerFile.NounPlant] = "plant",
        [LexicographerFile.NounFood] = "food",
        [LexicographerFile.NounPerson] = "person",
        [LexicographerFile.NounLocation] = "place",
        [LexicographerFile.NounBody] = "body part",
        [LexicographerFile.NounArtifact] = "object",
        [LexicographerFile.NounSubstance] = "substance",
        [LexicographerFile.NounFeeling] = "feeling",
        [LexicographerFile.NounTime] = "time",
    };

    private static readonly string[] Determiners =
        ["a", "an", "the", "any", "one", "some", "someone", "something", "each", "every", "that", "this", "these", "those", "its", "his", "her", "their", "one's", "all", "two", "no", "either", "both", "another", "other", "much", "many", "more", "most"];

    /// <summary>Lexicographer files whose nouns are count nouns ("an ant", "a tree", "a lawyer", "a hammer").</summary>
    private static readonly int[] CountableNounFiles =
    [
        LexicographerFile.NounAnimal, LexicographerFile.NounPlant, LexicographerFile.NounPerson,
        LexicographerFile.NounArtifact, LexicographerFile.NounBody,
    ];

    private readonly WordNetDatabase wordNet;

    private ConceptInventory(WordNetDatabase wordNet, IReadOnlyList<Concept> concepts)
    {
        this.wordNet = wordNet;
        All = concepts;
        Nouns = concepts.Where(c => c.Pos == PartOfSpeech.Noun).ToArray();
        Verbs = concepts.Where(c => c.Pos == PartOfSpeech.Verb).ToArray();
        Adjectives = concepts.Where(c => c.Pos == PartOfSpeech.Adjective).ToArray();
    }

    public IReadOnlyList<Concept> All { get; }
    public IReadOnlyList<Concept> Nouns { get; }
    public IReadOnlyList<Concept> Verbs { get; }
    public IReadOnlyList<Concept> Adjectives { get; }

    public IReadOnlyList<string> ClassNames { get; } = ClassLabels.Values.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The parts of speech a word has anywhere in WordNet (for "is it a noun or a verb?" prompts).</summary>
    public IReadOnlyList<PartOfSpeech> PartsOfSpeechOf(string word) =>
        new[] { PartOfSpeech.Noun, PartOfSpeech.Verb, PartOfSpeech.Adjective }.Where(p => wordNet.HasLemma(p, word)).ToArray();

    /// <summary>Selecting takes a while on a slow machine; builds in one process (tests) share it.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(WordNetDatabase, ConceptBreadth), Lazy<ConceptInventory>> Selected = new();

    public static ConceptInventory Select(WordNetDatabase wordNet, ConceptBreadth breadth = ConceptBreadth.Familiar) =>
        Selected.GetOrAdd((wordNet, breadth), key => new Lazy<ConceptInventory>(() => SelectFrom(key.Item1, key.Item2))).Value;

    private static ConceptInventory SelectFrom(WordNetDatabase wordNet, ConceptBreadth breadth)
    {
        var thresholds = breadth == ConceptBreadth.Broad ? BroadThresholds : FamiliarThresholds;
        // Candidates come from the frequently tagged senses (cntlist.rev); they are kept in WordNet's own order
        // (part of speech, synset offset, word number) so the inventory is the same on every machine.
        var candidates = new List<Candidate>();
        foreach (var (pos, minTags) in new[]
                 {
                     (PartOfSpeech.Noun, Math.Min(thresholds.Nouns, thresholds.ConcreteNouns)),
                     (PartOfSpeech.Verb, thresholds.Verbs), (PartOfSpeech.Adjective, thresholds.Adjectives),
                 })
        {
            foreach (var (lemma, _) in wordNet.FrequentLemmas(pos, minTags))
            {
                if (!SimpleWord().IsMatch(lemma)) continue;
                var senses = wordNet.SenseOffsets(pos, lemma);
                if (senses.Count == 0 || wordNet.Find(pos, senses[0]) is not { } synset) continue;
                if (synset.LexFile == LexicographerFile.NounTops || synset.Type == 's') continue;
                var number = synset.Words.ToList().FindIndex(w => w.Text == lemma);
                if (number < 0) continue;
                var required = pos != PartOfSpeech.Noun ? minTags
                    : ConcreteNounFiles.Contains(synset.LexFile) ? thresholds.ConcreteNouns : thresholds.Nouns;
                var concept = TryMakeConcept(wordNet, synset, synset.Words[number], required);
                if (concept is not null) candidates.Add(new Candidate(pos, synset.Offset, number, wordNet.TagCount(synset, synset.Words[number]), concept));
            }
        }
        if (breadth == ConceptBreadth.Core) candidates = MostFamiliar(candidates, CoreConcepts);
        var ordered = candidates.OrderBy(c => c.Pos).ThenBy(c => c.Offset).ThenBy(c => c.WordNumber).Select(c => c.Concept);
        return new ConceptInventory(wordNet, ordered.ToArray());
    }

    /// <summary>
    /// The <paramref name="count"/> most often tagged candidates, taken as the same share of every part of speech and
    /// lexicographer file (animals, foods, feelings, verbs of motion…), so the narrow world keeps the broad one's mix
    /// of classes that the classification and brainstorming prompts draw on. Ties go to WordNet's order.
    /// </summary>
    private static List<Candidate> MostFamiliar(List<Candidate> candidates, int count)
    {
        if (candidates.Count <= count) return candidates;
        var share = count / (double)candidates.Count;
        return candidates
            .GroupBy(c => (c.Pos, c.Concept.LexFile))
            .SelectMany(g => g.OrderByDescending(c => c.Tags).ThenBy(c => c.Offset).ThenBy(c => c.WordNumber)
                .Take(Math.Max(1, (int)Math.Round(g.Count() * share, MidpointRounding.AwayFromZero))))
            .ToList();
    }

    /// <summary>A sense that qualified, with where WordNet lists it and how often it was tagged.</summary>
    private readonly record struct Candidate(PartOfSpeech Pos, int Offset, int WordNumber, int Tags, Concept Concept);

    private static Concept? TryMakeConcept(WordNetDatabase wordNet, Synset synset, SynsetWord word, int minTags)
    {
        var text = word.Text;
        if (!SimpleWord().IsMatch(text)) return null;
        var senses = wordNet.SenseOffsets(synset.Pos, text);
        if (senses.Count == 0 || senses[0] != synset.Offset) return null;
        if (wordNet.TagCount(synset, word) < minTags) return null;

        var definition = CleanDefinition(synset.Definition);
        if (definition is null || MentionsAnyForm(definition, text) || !IsSafe(text + " " + definition)) return null;

        var examples = synset.Examples
            .Where(e => Mentions(e, text) && AllowedText().IsMatch(e) && TextWords(e) <= MaxExampleWords && IsSafe(e))
            .Select(EnglishPhrasing.Sentence)
            .ToArray();
        var synonyms = synset.Words.Where(w => w != word).Select(w => CleanRelated(w.Text)).OfType<string>()
            .Where(s => s != text).Distinct().Take(MaxRelatedWords).ToArray();
        // WordNet lists a synset's primary hypernym first ("canine" before "domestic animal" for dog).
        var hypernym = Related(wordNet, synset, SynsetPointer.Hypernym, byFamiliarity: false).FirstOrDefault(h => !MentionsAnyForm(h, text));
        var hyponyms = Related(wordNet, synset, SynsetPointer.Hyponym).Where(h => h != text).Take(MaxRelatedWords).ToArray();
        var parts = Related(wordNet, synset, SynsetPointer.PartMeronym).Where(h => h != text).Take(MaxRelatedWords).ToArray();

        var hasDeterminer = Determiners.Any(d => definition.StartsWith(d + " ", StringComparison.Ordinal));
        if (!hasDeterminer && synset.Pos == PartOfSpeech.Noun && CountableNounFiles.Contains(synset.LexFile))
        {
            // WordNet often drops the article ("social insect living in organized colonies"); animals, plants,
            // people and objects are count nouns, so give it back.
            definition = EnglishPhrasing.WithArticle(definition);
        }

        return new Concept
        {
            Word = text,
            Pos = synset.Pos,
            SynsetOffset = synset.Offset,
            LexFile = synset.LexFile,
            Definition = definition,
            Examples = examples,
            Synonyms = synonyms,
            Hypernym = hypernym,
            Hyponyms = hyponyms,
            Parts = parts,
            Antonym = Antonym(wordNet, synset, word),
            IsCountable = synset.Pos == PartOfSpeech.Noun &&
                          (definition.StartsWith("a ", StringComparison.Ordinal) || definition.StartsWith("an ", StringComparison.Ordinal)),
            ClassLabel = synset.Pos == PartOfSpeech.Noun ? ClassLabels.GetValueOrDefault(synset.LexFile) : null,
        };
    }

    /// <summary>The gloss's first definition without parentheses, if it is short and plain.</summary>
    private static string? CleanDefinition(string definition)
    {
        var first = definition.Split(';')[0];
        first = Parenthesis().Replace(first, "");
        first = Spaces().Replace(first, " ").Trim().TrimEnd(',', '.', ':').Trim();
        var words = TextWords(first);
        return words is >= MinDefinitionWords and <= MaxDefinitionWords && AllowedText().IsMatch(first) ? first : null;
    }

    /// <summary>The first words of the synsets a pointer leads to, most familiar first or in WordNet's order.</summary>
    private static IEnumerable<string> Related(WordNetDatabase wordNet, Synset synset, string symbol, bool byFamiliarity = true)
    {
        var related = synset.Pointers.Where(p => p.Symbol == symbol && p.TargetPos == synset.Pos)
            .Select(p => wordNet.Find(p.TargetPos, p.TargetOffset)!)
            .Select(target => (Word: CleanRelated(target.Words[0].Text), Tags: wordNet.Familiarity(target)))
            .Where(r => r.Word is not null);
        if (byFamiliarity) related = related.OrderByDescending(r => r.Tags).ThenBy(r => r.Word, StringComparer.Ordinal);
        return related.Select(r => r.Word!).Distinct();
    }

    /// <summary>An antonym of this very word (a lexical "!" pointer from it).</summary>
    private static string? Antonym(WordNetDatabase wordNet, Synset synset, SynsetWord word)
    {
        var number = synset.Words.ToList().IndexOf(word) + 1;
        foreach (var pointer in synset.Pointers.Where(p => p.Symbol == SynsetPointer.Antonym && p.SourceWord == number))
        {
            var target = wordNet.Find(pointer.TargetPos, pointer.TargetOffset);
            if (target is null || pointer.TargetWord < 1 || pointer.TargetWord > target.Words.Count) continue;
            var antonym = CleanRelated(target.Words[pointer.TargetWord - 1].Text);
            if (antonym is not null && SimpleWord().IsMatch(antonym)) return antonym;
        }
        return null;
    }

    /// <summary>A related word fit to print: lower-case letters, one or two words, no harm terms.</summary>
    private static string? CleanRelated(string text) =>
        RelatedWord().IsMatch(text) && SafeRelatedWords.GetOrAdd(text, IsSafe) ? text : null;

    /// <summary>The same hyponyms and hypernyms come up for many concepts; check each once.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> SafeRelatedWords = new(StringComparer.Ordinal);

    private static bool IsSafe(string text) => !SafetyLexicon.Flags(text);

    private static bool Mentions(string text, string word) => TextFeatures.Words(text).Contains(word);

    /// <summary>Whether the text uses the word in any inflection ("cooks" for "cook"): then it cannot define it.</summary>
    private static bool MentionsAnyForm(string text, string word) =>
        TextFeatures.Words(text).Any(w => TextFeatures.Stem(w) == TextFeatures.Stem(word));

    private static int TextWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex("^[a-z]{3,12}$")]
    private static partial Regex SimpleWord();

    [GeneratedRegex("^[a-z]{3,14}( [a-z]{2,14})?$")]
    private static partial Regex RelatedWord();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z ,'\-]*$")]
    private static partial Regex AllowedText();

    [GeneratedRegex(@"\s*\([^)]*\)")]
    private static partial Regex Parenthesis();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
