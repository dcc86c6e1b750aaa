using InstructGpt.Tasks;
using InstructGpt.Training.Data;

namespace InstructGpt.Training.World.Prompts;

/// <summary>Builds the demonstrations category prompt writers return.</summary>
internal static class CategoryPrompt
{
    /// <summary>A demonstration tagged with its category, constraints and (closed-domain) source.</summary>
    public static Demonstration Make(TaskCategory category, string prompt, string reference,
        IReadOnlyList<TaskConstraint>? constraints = null, string? source = null) =>
        new(prompt, reference)
        {
            Metadata = new RecordMetadata { Category = category, Constraints = constraints ?? [], Source = source },
        };

    /// <summary>Runs one of several templates, chosen with probability proportional to its weight.</summary>
    public static Demonstration PickTemplate(WorldRandom random, params (double Weight, Func<Demonstration> Create)[] templates) =>
        templates[random.PickIndex(templates.Select(t => t.Weight).ToArray())].Create();
}
