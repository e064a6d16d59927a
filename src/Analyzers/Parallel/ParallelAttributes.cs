using Forklift.Shared;
using Microsoft.CodeAnalysis;

namespace Forklift.Analyzers.Parallel;

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
