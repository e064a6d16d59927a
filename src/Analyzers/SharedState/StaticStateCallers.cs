using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Classes that keep a collection that is not safe for concurrent use in a static field and synchronize nothing, whose
/// static methods a type that runs concurrently by its declaration calls (a singleton, a type documented as shared, a
/// framework contract, a type made per request): that type's members run on several threads at once, so the static
/// state they reach in the other class is shared by all of them (set bf R14, set bg R15: a static cache of
/// reflection-built setters in a generic class, filled on first use by a singleton importer's concurrent uploads).
/// </summary>
/// <remarks>
/// <para>The race model judges each type's own state in that type (<see cref="TypeConcurrency"/>); this index carries
/// the callers' concurrency across to a class whose own declaration says nothing. Such a class is then analysed as a
/// type made per request is: only its static state, with the caller named in the message.</para>
/// <para>Found once per compilation from syntax first: the classes whose declarations show a static field of an unsafe
/// collection type and whose text names no synchronization; then, only in the files that name one of them, the member
/// accesses through its name are bound, and the declaration of the type they are written in is read.</para>
/// </remarks>
internal sealed class StaticStateCallers
{
    private static readonly OncePerCompilation<StaticStateCallers> ByCompilation = new(static (c, cancellationToken) => new StaticStateCallers(c, cancellationToken));

    private readonly Dictionary<INamedTypeSymbol, string> _reasons = new(SymbolEqualityComparer.Default);
    private readonly HashSet<SyntaxTree> _declaringTrees = new();

    public static StaticStateCallers For(Compilation compilation, CancellationToken cancellationToken)
        => ByCompilation.Get(compilation, cancellationToken);

    private StaticStateCallers(Compilation compilation, CancellationToken cancellationToken)
    {
        var candidates = Candidates(compilation, cancellationToken);
        if (candidates.Count == 0)
        {
            return;
        }

        var names = candidates.Keys.ToArray();
        var singletons = SingletonRegistrations.For(compilation, cancellationToken);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!SourceWords.Any(tree.GetText(cancellationToken), names))
            {
                continue;
            }

            SemanticModel? semanticModel = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not MemberAccessExpressionSyntax { Expression: SimpleNameSyntax { Identifier.ValueText: var name } } access
                    || !candidates.ContainsKey(name)
                    || access.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } callerDeclaration
                    || callerDeclaration.Identifier.ValueText == name)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
#pragma warning disable RS1030 // The callers are in other files than the class they call; the driver's semantic-model cache serves these.
                semanticModel ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                var symbolInfo = semanticModel.GetSymbolInfo(access, cancellationToken);
                if ((symbolInfo.Symbol ?? symbolInfo.CandidateSymbols.FirstOrDefault()) is not IMethodSymbol { IsStatic: true, ContainingType: { } callee } method
                    || !candidates[name].Contains(callee.OriginalDefinition)
                    || _reasons.ContainsKey(callee.OriginalDefinition)
                    || semanticModel.GetDeclaredSymbol(callerDeclaration, cancellationToken) is not { } caller
                    || DeclaredConcurrency.Of(caller, singletons, cancellationToken) is not { Kind: DeclaredConcurrency.Kind.Declared or DeclaredConcurrency.Kind.Contract or DeclaredConcurrency.Kind.PerRequest } declaration)
                {
                    continue;
                }

                var enclosing = semanticModel.GetEnclosingSymbol(access.SpanStart, cancellationToken);
                while (enclosing is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
                {
                    enclosing = enclosing.ContainingSymbol; // 'Select(h => CsvColumnSetters<T>.For(h))' in 'Parse'
                }

                var member = enclosing is IMethodSymbol { } named && named.Name.Length > 0 ? $"{caller.Name}.{named.Name}" : caller.Name;
                _reasons[callee.OriginalDefinition] = $"'{callee.Name}.{method.Name}' is called by '{member}', and {declaration.Why}";
                foreach (var reference in callee.DeclaringSyntaxReferences)
                {
                    _declaringTrees.Add(reference.SyntaxTree);
                }
            }
        }
    }

    /// <summary>Why <paramref name="type"/>'s static state is shared by concurrent callers, or null when it is not one of them.</summary>
    public string? ReasonFor(INamedTypeSymbol type) => _reasons.TryGetValue(type.OriginalDefinition, out var reason) ? reason : null;

    /// <summary>Whether <paramref name="tree"/> declares a part of one of the classes.</summary>
    public bool DeclaresOneIn(SyntaxTree tree) => _declaringTrees.Contains(tree);

    /// <summary>
    /// The classes, by name, whose declarations have a static field of an unsafe collection type (<c>static readonly
    /// Dictionary&lt;string, Action&lt;T, string&gt;?&gt; Setters</c>) and whose text names no synchronization.
    /// </summary>
    private static Dictionary<string, HashSet<INamedTypeSymbol>> Candidates(Compilation compilation, CancellationToken cancellationToken)
    {
        var candidates = new Dictionary<string, HashSet<INamedTypeSymbol>>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var text = tree.GetText(cancellationToken);
            if (!SourceWords.Any(text, StaticWord))
            {
                continue;
            }

            foreach (var declaration in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or ClassDeclarationSyntax).OfType<ClassDeclarationSyntax>())
            {
                if (!HasStaticCollection(declaration) || SourceWords.Any(text, declaration.Span, TypeConcurrency.SynchronizationWords))
                {
                    continue;
                }

#pragma warning disable RS1030 // Once per compilation, for the few classes that pass the syntax checks.
                if (compilation.GetSemanticModel(tree).GetDeclaredSymbol(declaration, cancellationToken) is { } symbol)
#pragma warning restore RS1030
                {
                    var name = declaration.Identifier.ValueText;
                    if (!candidates.TryGetValue(name, out var symbols))
                    {
                        candidates[name] = symbols = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
                    }

                    symbols.Add(symbol.OriginalDefinition);
                }
            }
        }

        return candidates;
    }

    private static readonly string[] StaticWord = ["static"];

    private static bool HasStaticCollection(ClassDeclarationSyntax declaration)
    {
        foreach (var member in declaration.Members)
        {
            if (member is FieldDeclarationSyntax field
                && field.Modifiers.Any(static m => m.ValueText == "static") && !field.Modifiers.Any(static m => m.ValueText == "const")
                && ConcurrencyTypes.MayNameUnsafeType(field.Declaration.Type))
            {
                return true;
            }
        }

        return false;
    }
}
