using Forklift.Shared;
using Microsoft.CodeAnalysis;

// The folder is Parallel/, but a namespace named Parallel would hide System.Threading.Tasks.Parallel from all code in
// Forklift.Analyzers.* (tests included), so the FL3xxx analyzers live in ParallelUsage.
namespace Forklift.Analyzers.ParallelUsage;

/// <summary>The <c>[Parallel]</c> and <c>[WorkerInitializer]</c> attribute types of one compilation.</summary>
internal sealed class ParallelAttributes
{
    /// <summary>The assembly that declares the attributes (src/Runtime, package Forklift).</summary>
    private const string RuntimeAssemblyName = "Forklift";

    private ParallelAttributes(INamedTypeSymbol? parallel, INamedTypeSymbol? workerInitializer)
    {
        Parallel = parallel;
        WorkerInitializer = workerInitializer;
    }

    public INamedTypeSymbol? Parallel { get; }

    public INamedTypeSymbol? WorkerInitializer { get; }

    /// <summary>The attributes, or <see langword="null"/> when the compilation does not reference Forklift.</summary>
    /// <remarks>
    /// Every FL3xxx analyzer calls this in its compilation start action and registers nothing when it returns
    /// <see langword="null"/>, so in a project that does not use <c>[Parallel]</c> the rules cost only this check.
    /// The check must stay cheap: <c>GetTypeByMetadataName</c> loads the namespace names of every referenced
    /// assembly (tenths of a second in a net10.0 project, most of the FL3xxx time in libraries that never use
    /// Forklift), so it runs only when the attributes can exist at all: declared in this compilation (the type names
    /// of its declarations are known without binding) or in a referenced file named Forklift.dll.
    /// </remarks>
    public static ParallelAttributes? Find(Compilation compilation)
    {
        if (!MayDeclareAttributes(compilation))
        {
            return null;
        }

        INamedTypeSymbol? parallel = compilation.GetTypeByMetadataName(ParallelAttributeNames.ParallelAttribute);
        INamedTypeSymbol? initializer = compilation.GetTypeByMetadataName(ParallelAttributeNames.WorkerInitializerAttribute);
        return parallel is null && initializer is null ? null : new ParallelAttributes(parallel, initializer);
    }

    private static bool MayDeclareAttributes(Compilation compilation)
    {
        // Neither question creates a symbol: ContainsSymbolsWithName reads the declaration table of the source, and a
        // reference's display name is its file path (or, for a project in the IDE, its assembly name). Touching
        // compilation.Assembly or ReferencedAssemblyNames here would make this analyzer the one that pays for
        // resolving every reference, ahead of the compiler.
        if (compilation.ContainsSymbolsWithName("ParallelAttribute", SymbolFilter.Type)
            || compilation.ContainsSymbolsWithName("WorkerInitializerAttribute", SymbolFilter.Type))
        {
            return true;
        }

        foreach (var reference in compilation.References)
        {
            if (reference.Display is { } display && System.IO.Path.GetFileNameWithoutExtension(display) == RuntimeAssemblyName)
            {
                return true;
            }
        }

        return false;
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
