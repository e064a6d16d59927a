namespace Forklift.Analyzers;

/// <summary>The category of each area of rules: a plain word, shown in the IDE's error list.</summary>
internal static class DiagnosticCategories
{
    /// <summary>FL1xxx: state reached by several threads.</summary>
    public const string Concurrency = "Concurrency";

    /// <summary>FL2xxx: acquiring and releasing locks.</summary>
    public const string Locking = "Locking";

    /// <summary>FL3xxx: using <c>[Parallel]</c> and the worker pool.</summary>
    public const string Parallel = "Parallel";
}
