namespace InstructGpt.Api.Datasets;

/// <summary>Example bodies of the dataset endpoints, shown in Swagger UI.</summary>
public static class DatasetExamples
{
    public const string Upload = """
        {"prompt": "Name a fruit.\n", "completions": ["Apple.", "Stone."]}
        {"prompt": "Write a haiku about rain.\n", "completions": ["Soft rain taps the roof", "rain", "no"], "ranks": [1, 2, 2]}
        """;

    public const string Dataset = """
        {"name": "my-comparisons", "object": "dataset", "kind": "comparisons", "records": 2, "bytes": 163,
         "sha256": "9f2b5c0d8e1a4b7c6d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c", "created_at": 1767225600}
        """;

    public const string List = """
        {"object": "list", "data": [{"name": "my-comparisons", "object": "dataset", "kind": "comparisons", "records": 2, "bytes": 163,
          "sha256": "9f2b5c0d8e1a4b7c6d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c", "created_at": 1767225600}]}
        """;

    public const string Deleted = """{"name": "my-comparisons", "object": "dataset", "deleted": true}""";
}
