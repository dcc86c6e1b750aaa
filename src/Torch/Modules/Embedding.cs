namespace InstructGpt.Torch.Modules;

/// <summary>A lookup table [num_embeddings, embedding_dim], initialised N(0, std) (torch's default std is 1).</summary>
public sealed class Embedding : Module
{
    public Parameter weight { get; }

    public Embedding(long num_embeddings, long embedding_dim, double std = 1.0, Device? device = null, DType? dtype = null, Generator? generator = null)
    {
        using (torch.NewDisposeScope())
            weight = register_parameter("weight", new Parameter(torch.empty([num_embeddings, embedding_dim], dtype, device).normal_(0, std, generator)));
    }

    public Tensor forward(Tensor indices) => torch.nn.functional.embedding(indices, weight);
}
