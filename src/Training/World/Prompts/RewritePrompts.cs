using InstructGpt.Tasks;
using InstructGpt.Training.Data;
using InstructGpt.Training.World.WordNet;

namespace InstructGpt.Training.World.Prompts;

/// <summary>
/// Rewrite (Table 1: 6.6%): a WordNet usage example with a word swapped for a synonym or its antonym, or with a
/// spelling mistake to correct.
/// </summary>
internal sealed class RewritePrompts(ConceptInventory concepts) : ICategoryPrompts
{
    private readonly IReadOnlyList<(Concept Concept, string Example)> synonymSwaps = concepts.All
        .Where(c => c.Synonyms.Any(s => !s.Contains(' ')))
        .SelectMany(c => c.Examples.Where(e => HasToken(e, c.Word)).Select(e => (c, e))).ToArray();
    private readonly IReadOnlyList<(Concept Concept, string Example)> antonymSwaps = concepts.All
        .Where(c => c.Antonym is not null)
        .SelectMany(c => c.Examples.Where(e => HasToken(e, c.Word)).Select(e => (c, e))).ToArray();
    private readonly IReadOnlyList<string> sentences = concepts.All.SelectMany(c => c.Examples)
        .Where(e => e.Split(' ').Length >= 4 && e.Split(' ').Any(w => w.Length >= 6 && w.All(char.IsLower))).Distinct().ToArray();

    public TaskCategory Category => TaskCategory.Rewrite;

    public Demonstration Create(WorldRandom random) => CategoryPrompt.PickTemplate(random,
        (0.35, () => Synonym(random)),
        (0.30, () => Antonym(random)),
        (0.35, () => Spelling(random)));

    private Demonstration Synonym(WorldRandom random)
    {
        var (c, example) = random.Pick(synonymSwaps);
        var synonym = c.Synonyms.First(s => !s.Contains(' '));
        var prompt = random.Pick(["Rewrite this sentence, replacing '{0}' with a word that means the same: {1}", "Replace '{0}' with a synonym in this sentence: {1}"]);
        return Make(string.Format(prompt, c.Word, example), ReplaceToken(example, c.Word, synonym));
    }

    private Demonstration Antonym(WorldRandom random)
    {
        var (c, example) = random.Pick(antonymSwaps);
        var prompt = random.Pick(["Rewrite this sentence using the opposite of '{0}': {1}", "Replace '{0}' with its opposite in this sentence: {1}"]);
        return Make(string.Format(prompt, c.Word, example), ReplaceToken(example, c.Word, c.Antonym!));
    }

    private Demonstration Spelling(WorldRandom random)
    {
        var sentence = random.Pick(sentences);
        var words = sentence.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 6 && words[i].All(char.IsLower)).ToArray();
        var index = random.Pick(candidates);
        words[index] = Misspell(words[index], random);
        var prompt = random.Pick(["Fix the spelling mistake in this sentence: {0}", "Correct the spelling in this sentence: {0}"]);
        return Make(string.Format(prompt, string.Join(' ', words)), sentence);
    }

    /// <summary>Swaps two different adjacent letters inside the word (never the first letter).</summary>
    private static string Misspell(string word, WorldRandom random)
    {
        var chars = word.ToCharArray();
        var positions = Enumerable.Range(1, chars.Length - 2).Where(i => chars[i] != chars[i + 1]).ToArray();
        var i = positions.Length > 0 ? random.Pick(positions) : 1;
        (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        return new string(chars);
    }

    private static bool HasToken(string sentence, string word) =>
        sentence.Split(' ').Any(t => string.Equals(t.Trim('.', ',', '!', '?', ';'), word, StringComparison.OrdinalIgnoreCase));

    /// <summary>Replaces whole-word occurrences, keeping a leading capital.</summary>
    private static string ReplaceToken(string sentence, string word, string replacement) =>
        string.Join(' ', sentence.Split(' ').Select(t =>
        {
            var core = t.Trim('.', ',', '!', '?', ';');
            if (!string.Equals(core, word, StringComparison.OrdinalIgnoreCase)) return t;
            var swapped = char.IsUpper(core[0]) ? EnglishPhrasing.Capitalize(replacement) : replacement;
            return t.Replace(core, swapped, StringComparison.Ordinal);
        }));

    private Demonstration Make(string prompt, string reference) => CategoryPrompt.Make(Category, prompt, reference);
}
