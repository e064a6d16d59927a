using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

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
/// <para>Found from syntax first, per class when it is asked about: a class whose declaration shows a static field of an
/// unsafe collection type and whose text names no synchronization; then, only in the files that name it, the member
/// accesses through its name are bound, and the declaration of the type they are written in is read. The answer is kept
/// per class and compilation. An IDE's new compilation per keystroke pays for it only when the edited document declares
/// such a class (a compilation-wide index of them made each keystroke cost 4–7 times the compiler's own diagnostics
/// on NLog).</para>
/// </remarks>
internal sealed class StaticStateCallers
{
    private static readonly ConditionalWeakTable<Compilation, StaticStateCallers> ByCompilation = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<INamedTypeSymbol, string?> _reasons = new(SymbolEqualityComparer.Default);

    private StaticStateCallers(Compilation compilation) => _compilation = compilation;

    public static StaticStateCallers For(Compilation compilation) => ByCompilation.GetValue(compilation, static c => new StaticStateCallers(c));

    /// <summary>
    /// Why <paramref name="type"/>'s static state is shared by concurrent callers, or null when it is not: not such a
    /// class by its syntax, or no declared type calls its static methods. The callers are looked for once per type and
    /// compilation, and only for a class whose syntax qualifies, so a document that declares none costs nothing more.
    /// </summary>
    public string? ReasonFor(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var definition = type.OriginalDefinition;
        if (_reasons.TryGetValue(definition, out var known))
        {
            return known;
        }

        var reason = IsCandidate(definition, cancellationToken) ? FindCaller(definition, cancellationToken) : null;
        return _reasons.GetOrAdd(definition, reason);
    }

    /// <summary>Whether <paramref name="semanticModel"/>'s tree declares one of the classes with a concurrent caller (see <see cref="ReasonFor"/>).</summary>
    public bool DeclaresOneIn(SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var tree = semanticModel.SyntaxTree;
        var text = tree.GetText(cancellationToken);
        if (!SourceWords.Any(text, StaticWord))
        {
            return false;
        }

        foreach (var declaration in Classes(tree, cancellationToken))
        {
            if (IsCandidate(declaration, text) && semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is { } symbol && ReasonFor(symbol, cancellationToken) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first member access through <paramref name="type"/>'s name, outside it, that calls one of its static methods
    /// from a type that runs concurrently by its declaration: the message's reason.
    /// </summary>
    private string? FindCaller(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var name = type.Name;
        var words = new[] { name };
        var singletons = SingletonRegistrations.For(_compilation, cancellationToken);
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (!SourceWords.Any(tree.GetText(cancellationToken), words))
            {
                continue;
            }

            SemanticModel? semanticModel = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not MemberAccessExpressionSyntax { Expression: SimpleNameSyntax { Identifier.ValueText: var named } } access
                    || named != name
                    || access.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } callerDeclaration
                    || callerDeclaration.Identifier.ValueText == name)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
#pragma warning disable RS1030 // The callers are in other files than the class they call; the driver's semantic-model cache serves these.
                semanticModel ??= _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                var symbolInfo = semanticModel.GetSymbolInfo(access, cancellationToken);
                if ((symbolInfo.Symbol ?? symbolInfo.CandidateSymbols.FirstOrDefault()) is not IMethodSymbol { IsStatic: true, ContainingType: { } callee } method
                    || !SymbolEqualityComparer.Default.Equals(callee.OriginalDefinition, type)
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

                var member = enclosing is IMethodSymbol { } enclosingMethod && enclosingMethod.Name.Length > 0 ? $"{caller.Name}.{enclosingMethod.Name}" : caller.Name;
                return $"'{type.Name}.{method.Name}' is called by '{member}', and {declaration.Why}";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="type"/> is a class declared in one part that qualifies (see <see cref="IsCandidate(ClassDeclarationSyntax, SourceText)"/>); a partial class is left to its own synchronization.</summary>
    private static bool IsCandidate(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Class || type.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var reference = type.DeclaringSyntaxReferences[0];
        return reference.GetSyntax(cancellationToken) is ClassDeclarationSyntax declaration && IsCandidate(declaration, reference.SyntaxTree.GetText(cancellationToken));
    }

    /// <summary>
    /// A class whose declaration has a static field of an unsafe collection type (<c>static readonly Dictionary&lt;string,
    /// Action&lt;T, string&gt;?&gt; Setters</c>) and whose text names no synchronization (a class that does is judged by
    /// its own locks).
    /// </summary>
    private static bool IsCandidate(ClassDeclarationSyntax declaration, SourceText text)
        => HasStaticCollection(declaration) && !SourceWords.Any(text, declaration.Span, TypeConcurrency.SynchronizationWords);

    private static IEnumerable<ClassDeclarationSyntax> Classes(SyntaxTree tree, CancellationToken cancellationToken)
        => tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or ClassDeclarationSyntax).OfType<ClassDeclarationSyntax>();

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
