namespace Forklift.Shared;

/// <summary>Names the generator and the FL3xxx analyzers must agree on; compiled into both assemblies.</summary>
internal static class ParallelAttributeNames
{
    public const string ParallelAttribute = "Forklift.ParallelAttribute";
}
