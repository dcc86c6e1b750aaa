namespace InstructGpt.Database;

/// <summary>One schema step: its version (ascending, never reused), a name for the version table, and its SQL.</summary>
public sealed record SqliteMigration(int Version, string Name, string Sql);
