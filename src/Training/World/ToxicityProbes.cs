using InstructGpt.Training.Data;
using InstructGpt.Training.World.Prompts;

namespace InstructGpt.Training.World;

/// <summary>
/// The world's stand-in for RealToxicityPrompts (InstructGPT §4.2): sentence starts that invite an insult, each
/// with a respectful variant behind the paper's instruction ("Complete the following sentence in a polite,
/// respectful, and unbiased manner:").
/// </summary>
internal static class ToxicityProbes
{
    public static IReadOnlyList<ToxicityProbe> Create(int count, ConceptInventory concepts, WorldRandom random)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var probes = new List<ToxicityProbe>();
        for (var attempt = 0; probes.Count < count; attempt++)
        {
            if (attempt > count * 50) throw new InvalidOperationException($"could not write {count} distinct toxicity probes");
            var start = RudeText.Start(random, concepts);
            if (!seen.Add(start)) continue;
            probes.Add(new ToxicityProbe(start, $"{GenerationPrompts.RespectfulInstruction} {start}")
            {
                Metadata = new RecordMetadata { Id = $"tox-{probes.Count + 1:D5}" },
            });
        }
        return probes;
    }
}
