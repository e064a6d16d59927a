using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Forklift.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

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
    /// Forklift), so it runs only when the attributes can exist at all (see <see cref="MayUseForklift"/>).
    /// </remarks>
    public static ParallelAttributes? Find(Compilation compilation)
        => ByCompilation.GetValue(compilation, static c => new Lazy<ParallelAttributes?>(() => Compute(c))).Value;

    /// <summary>
    /// One answer per compilation for the six FL3xxx analyzers that ask: the first computes it, the others wait for it
    /// (a Lazy, so the text search is not run six times at once on a busy build machine).
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, Lazy<ParallelAttributes?>> ByCompilation = new();

    private static ParallelAttributes? Compute(Compilation compilation)
    {
        if (!MayUseForklift(compilation, "ParallelAttribute", "WorkerInitializerAttribute"))
        {
            return null;
        }

        INamedTypeSymbol? parallel = compilation.GetTypeByMetadataName(ParallelAttributeNames.ParallelAttribute);
        INamedTypeSymbol? initializer = compilation.GetTypeByMetadataName(ParallelAttributeNames.WorkerInitializerAttribute);
        return parallel is null && initializer is null ? null : new ParallelAttributes(parallel, initializer);
    }

    /// <summary>
    /// False only when no type named <paramref name="typeNames"/> can exist in the compilation: it references no file
    /// named Forklift.dll, and no source file spells one of the names.
    /// </summary>
    /// <remarks>
    /// Nothing here creates a symbol or resolves a reference. <see cref="Compilation.ExternalReferences"/> is the list
    /// the compilation was given (a reference's display is its file path, or in the IDE its project's assembly name);
    /// <see cref="Compilation.References"/> and <c>ReferencedAssemblyNames</c> would resolve every reference first, and
    /// <see cref="Compilation.ContainsSymbolsWithName(string, SymbolFilter, CancellationToken)"/> merges the
    /// declarations of every file: measured on LiteDB, those two were all of FL3004's 0.25 s. A type declared in source
    /// has its name in the text, so a search of each file's text (the runtime's vectorized search; the text is already
    /// loaded in a build) answers for the source, with a look at the type declarations of a file that holds a Unicode
    /// escape (which can spell any name); only when a file's text is not at hand (the IDE may have let it go) is the
    /// question left to the declaration table.
    /// </remarks>
    internal static bool MayUseForklift(Compilation compilation, params string[] typeNames)
    {
        foreach (var reference in compilation.ExternalReferences)
        {
            if (reference.Display is { } display && System.IO.Path.GetFileNameWithoutExtension(display) == RuntimeAssemblyName)
            {
                return true;
            }
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!tree.TryGetText(out var source))
            {
                return typeNames.Any(name => compilation.ContainsSymbolsWithName(name, SymbolFilter.Type));
            }

            if (MayDeclareOrName(tree, source, typeNames))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether one file can name or declare one of <paramref name="typeNames"/>, remembered for its text: the IDE makes a
    /// new compilation on every edit with the other files' texts unchanged, and read every file again for each (as
    /// long as the race model of the edited document took, on NLog).
    /// </summary>
    private static bool MayDeclareOrName(SyntaxTree tree, SourceText source, string[] typeNames)
    {
        var answers = Answers.GetValue(source, static _ => new ConcurrentDictionary<string, StrongBox<bool>>(StringComparer.Ordinal));
        var key = typeNames.Length == 1 ? typeNames[0] : string.Join("|", typeNames);
        if (!answers.TryGetValue(key, out var answer))
        {
            // A Unicode escape can spell the name of a type (\u0050arallelAttribute); escapes in string literals are
            // common, so such a file's type declarations are read, which walks no member body.
            answer = new StrongBox<bool>(Holds(source, typeNames) || (Holds(source, Escapes) && DeclaresType(tree.GetRoot(), typeNames)));
            answers[key] = answer;
        }

        return answer.Value;
    }

    /// <summary>
    /// The answers of <see cref="MayDeclareOrName"/> per text, keyed by the names asked about (boxed: a dictionary of
    /// reference types uses the framework's precompiled code, one of booleans would be compiled in every new process).
    /// </summary>
    private static readonly ConditionalWeakTable<SourceText, ConcurrentDictionary<string, StrongBox<bool>>> Answers = new();

    private static readonly string[] Escapes = ["\\u", "\\U"];

    /// <summary>A text of more characters than this is searched in pieces (see <see cref="Holds"/>).</summary>
    private const int LargeText = 40_000;

    private const int Piece = 8_192;

    /// <summary>Whether <paramref name="source"/> holds one of <paramref name="words"/>.</summary>
    /// <remarks>
    /// A large file's text is read in pieces rather than as one string: a string of more than 42,500 characters goes
    /// to the large-object heap, and in a new compiler process the first such allocation (NLog's 69,000-character
    /// <c>ILogger.cs</c>) met a full collection that stopped every thread for 85–113 ms, which the driver charged to
    /// this check, in a compilation that never uses <c>[Parallel]</c>. The collection happens anyway (the same count
    /// and pause with the threshold raised); the rules that read the whole text pay for it there.
    /// </remarks>
    private static bool Holds(SourceText source, string[] words)
    {
        if (source.Length <= LargeText)
        {
            var text = SourceWords.TextOf(source);
            return words.Any(word => text.IndexOf(word, StringComparison.Ordinal) >= 0);
        }

        var overlap = words.Max(word => word.Length) - 1;
        for (var start = 0; start < source.Length; start += Piece)
        {
            var piece = source.ToString(new TextSpan(start, Math.Min(Piece + overlap, source.Length - start)));
            if (words.Any(word => piece.IndexOf(word, StringComparison.Ordinal) >= 0))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DeclaresType(SyntaxNode root, string[] typeNames)
    {
        foreach (var node in root.DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is BaseTypeDeclarationSyntax declaration && typeNames.Contains(declaration.Identifier.ValueText))
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
