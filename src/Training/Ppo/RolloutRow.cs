using InstructGpt.Inference.Generation;

namespace InstructGpt.Training.Ppo;

/// <summary>One query's response during a rollout: tokens up to and including end of text, or up to the length limit.</summary>
internal sealed class RolloutRow(RowSampling sampling, int eosId, int maxTokens) : IDecodingRow
{
    public RowSampling Sampling { get; } = sampling;
    public List<long> Tokens { get; } = [];
    public bool EndedWithEos { get; private set; }
    public bool Finished => EndedWithEos || Tokens.Count >= maxTokens;

    // EOS belongs to the response (the reward model scores it, the KL covers it), unlike a completion's.
    public void Append(int token, double logprob, (int id, double logprob)[]? top)
    {
        Tokens.Add(token);
        if (token == eosId) EndedWithEos = true;
    }
}
