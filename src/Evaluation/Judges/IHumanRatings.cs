namespace InstructGpt.Evaluation.Judges;

/// <summary>
/// Where the "human" judge finds people's ratings. Owned by the judges so that they depend on this one query, not
/// on the store's rows; the runner hands in the store's labels through it.
/// </summary>
public interface IHumanRatings
{
    /// <summary>Every rating of exactly this prompt and output text, oldest first.</summary>
    Task<IReadOnlyList<HumanRating>> FindAsync(string prompt, string output, CancellationToken cancellationToken);
}
