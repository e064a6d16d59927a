using Forklift.Shared;
using Microsoft.CodeAnalysis;

// The folder is Parallel/, but a namespace named Parallel would hide System.Threading.Tasks.Parallel from all code in
// Forklift.Analyzers.* (tests included), so the FL3xxx analyzers live in ParallelUsage.
namespace Forklift.Analyzers.ParallelUsage;

/// <summary>The <c>[Parallel]</c> and <c>[WorkerInitializer]</c> attribute types of one compilation.</summary>
internal sealed class ParallelAttributes
{
    private ParallelAttributes(INamedTypeSymbol? parallel, INamedTypeSymbol? workerInitializer)
    {
        Parallel = parallel;
        WorkerInitializer = workerInitializer;
    }

    public INamedTypeSymbol? Parallel { get; }

    public INamedTypeSymbol? WorkerInitializer { get; }

    /// <summary>The attributes, or <see langword="null"/> when the compilation does not reference Forklift.</summary>
    public static ParallelAttributes? Find(Compilation compilation)
    {
        INamedTypeSymbol? parallel = compilation.GetTypeByMetadataName(ParallelAttributeNames.ParallelAttribute);
        INamedTypeSymbol? initializer = compilation.GetTypeByMetadataName(ParallelAttributeNames.WorkerInitializerAttribute);
        return parallel is null && initializer is null ? null : new ParallelAttributes(parallel, initializer);
    }

    public bool IsParallel(ISymbol method) => Has(method, Parallel);

    public bool IsWorkerInitializer(ISymbol method) => Has(method, WorkerInitializer);

    /// <summary>Which attribute <paramref name="method"/> has, as written in messages, or <see langword="null"/>.</summary>
    public string? AttributeOf(ISymbol method)
        => IsParallel(method) ? "[Parallel]" : IsWorkerInitializer(method) ? "[WorkerInitializer]" : null;

    private static bool Has(ISymbol symbol, INamedTypeSymbol? attribute)
        => attribute is not null
            && symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));
}
