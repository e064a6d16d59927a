using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A cache of one object in a plain field that every thread shares, taken by reading it and then storing <c>null</c>
/// (FL1001):
/// <code>
/// private static StringBuilder? s_cached;      // no [ThreadStatic]
///
/// var sb = s_cached;
/// if (sb != null) { s_cached = null; sb.Clear(); return sb; }   // two threads can both read it before either nulls it
/// </code>
/// The field is shared when it is <c>static</c>, or when it is an instance field of a type whose one instance every
/// caller shares: a type that keeps that instance in a static member of its own type (<c>public static
/// StringBuilderPool Shared { get; } = new(…)</c>, an object pool's "fast slot", set j R11), or that declares itself
/// shared (<see cref="DeclaredConcurrency"/>).
/// </summary>
/// <remarks>
/// <para>The framework's own <c>StringBuilderCache</c> is this code with <c>[ThreadStatic]</c> on the field; without it,
/// every thread that runs the code shares the one object, and two of them can take it at once and append into it
/// together. No thread start is needed in sight: a static field is shared by every caller. Object pools take their
/// fast slot with <c>Interlocked.CompareExchange</c> for the same reason.</para>
/// <para>Reported only for a field of a type that is not safe for concurrent use (<see cref="ConcurrencyTypes"/>) or
/// an array (a reused buffer), not <c>[ThreadStatic]</c>, that the code also puts an object back into, where the take
/// is outside any <c>lock</c> and the member does not use <c>Interlocked</c>, <c>Monitor</c> or a wait before it. Found
/// from syntax first: only the fields' declarations and the takes are bound. No fix is offered: whether the cache should
/// be per thread (<c>[ThreadStatic]</c>) or shared (<c>Interlocked.Exchange(ref s_cached, null)</c>) is the author's
/// call.</para>
/// </remarks>
internal static class StaticCacheTakes
{
    private static readonly string[] StaticWord = ["static"];
    private static readonly string[] NullWord = ["null"];
    private static readonly string[] SynchronizingWords = ["lock", "Interlocked", "Monitor", "Wait", "WaitAsync", "EnterScope"];

    /// <summary>Whether <paramref name="text"/> can declare a shared field (static, or of a declared shared type) and store <c>null</c>.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text)
        => SourceWords.Any(text, NullWord) && (SourceWords.Any(text, StaticWord) || SourceWords.Any(text, DeclaredConcurrency.Words, DeclaredConcurrency.IsDeclaringWord));

    /// <summary>Adds a finding for every take of a static one-object cache in <paramref name="semanticModel"/>'s tree.</summary>
    public static void Find(SemanticModel semanticModel, RaceFindings findings, ConcurrencyTypes types, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        var text = semanticModel.SyntaxTree.GetText(cancellationToken);
        foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is not FieldDeclarationSyntax { Parent: TypeDeclarationSyntax type } field
                || PlainField(field) is not { } isStatic
                || (!isStatic && !MayHoldUnsafeObject(field)))
            {
                continue;
            }

            string? sharedBy = null;
            foreach (var variable in field.Declaration.Variables)
            {
                var name = variable.Identifier.ValueText;
                ExpressionSyntax? take = null;
                var putsBack = false;
                foreach (var token in SourceWords.IdentifiersNamed(type, name))
                {
                    if (token.Parent is not IdentifierNameSyntax identifier)
                    {
                        continue;
                    }

                    var named = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? (ExpressionSyntax)access : identifier;
                    if (named.Parent is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } store || store.Left != named)
                    {
                        continue;
                    }

                    if (store.Right.IsKind(SyntaxKind.NullLiteralExpression))
                    {
                        take ??= IsUnguardedTake(store, name, text) ? store : null;
                    }
                    else if (store.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not (ConstructorDeclarationSyntax or FieldDeclarationSyntax))
                    {
                        putsBack = true;
                    }
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (take is null || !putsBack
                    || semanticModel.GetDeclaredSymbol(variable, cancellationToken) is not IFieldSymbol symbol
                    || symbol.IsStatic != isStatic
                    || (isStatic ? types.IsThreadStatic(symbol) : (sharedBy ??= SharedBy(type, symbol.ContainingType, semanticModel, cancellationToken)) == NotShared)
                    || !(symbol.Type is IArrayTypeSymbol || types.IsUnsafeCollection(symbol.Type))
                    || take.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member
                    || semanticModel.GetDeclaredSymbol(member, cancellationToken) is not { } taker)
                {
                    continue;
                }

                var held = symbol.Type is IArrayTypeSymbol array ? $"'{array.ElementType.Name}[]'" : $"'{symbol.Type.Name}'";
                var why = isStatic
                    ? $"it is taken here (read, then set to null) from a static field every thread shares, so two threads can take the same {held} and use it at once; a cache per thread needs [ThreadStatic], a shared one 'Interlocked.Exchange(ref {symbol.Name}, null)'"
                    : $"it is taken here (read, then set to null) from a field of an object every caller shares ({sharedBy}), so two callers can take the same {held} and use it at once; take it with 'Interlocked.Exchange(ref {symbol.Name}, null)'";
                findings.Add(DiagnosticIds.SharedStateMutation, take.GetLocation(), variable.GetLocation(), symbol, lockName: null,
                    [symbol.Name, taker is IMethodSymbol { AssociatedSymbol: { } property } ? property.Name : taker.Name, why],
                    handedOver: true);
            }
        }
    }

    /// <summary>
    /// For a field that is not constant, read-only, volatile or marked with an attribute named <c>ThreadStatic</c>,
    /// whether it is static; null for any other field.
    /// </summary>
    private static bool? PlainField(FieldDeclarationSyntax field)
    {
        var isStatic = false;
        foreach (var modifier in field.Modifiers)
        {
            switch (modifier.Kind())
            {
                case SyntaxKind.StaticKeyword:
                    isStatic = true;
                    break;
                case SyntaxKind.ConstKeyword or SyntaxKind.ReadOnlyKeyword or SyntaxKind.VolatileKeyword:
                    return null;
            }
        }

        return IsMarkedThreadStatic(field) ? null : isStatic;
    }

    /// <summary>Whether <paramref name="field"/> carries an attribute named <c>ThreadStatic</c> (each thread has its own).</summary>
    internal static bool IsMarkedThreadStatic(FieldDeclarationSyntax field)
    {
        foreach (var list in field.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                var name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText : (attribute.Name as SimpleNameSyntax)?.Identifier.ValueText;
                if (name is "ThreadStatic" or "ThreadStaticAttribute")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether an instance field's declared type can be one that <see cref="Find"/> reports, read from its syntax so that
    /// only such fields are searched for takes: an array, or a type named as one of <see cref="ConcurrencyTypes"/>' unsafe ones.
    /// </summary>
    private static bool MayHoldUnsafeObject(FieldDeclarationSyntax field)
        => field.Declaration.Type is ArrayTypeSyntax || ConcurrencyTypes.MayNameUnsafeType(field.Declaration.Type);

    private const string NotShared = "";

    /// <summary>
    /// Who shares the one instance of <paramref name="type"/>, for the message, or <see cref="NotShared"/>: a static
    /// member of its own type (<c>public static StringBuilderPool Shared { get; } = new(…)</c>), or its declaration
    /// (<see cref="DeclaredConcurrency"/>).
    /// </summary>
    private static string SharedBy(TypeDeclarationSyntax declaration, INamedTypeSymbol type, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (type.IsGenericType || type.TypeKind != TypeKind.Class)
        {
            return NotShared;
        }

        foreach (var member in type.GetMembers())
        {
            var memberType = member switch
            {
                IFieldSymbol { IsStatic: true, IsImplicitlyDeclared: false } field => field.Type,
                IPropertySymbol { IsStatic: true } property => property.Type,
                _ => null,
            };
            if (SymbolEqualityComparer.Default.Equals(memberType, type))
            {
                return $"'{type.Name}.{member.Name}' holds the one instance";
            }
        }

        if (!DeclaredConcurrency.MayDeclare(declaration))
        {
            return NotShared;
        }

        var (kind, why, _) = DeclaredConcurrency.Of(type, SingletonRegistrations.For(semanticModel.Compilation, cancellationToken), cancellationToken);
        return kind == DeclaredConcurrency.Kind.Declared ? why : NotShared;
    }

    /// <summary>
    /// Whether <paramref name="store"/> (<c>s_cached = null</c>) follows a read of the field into a local in the same
    /// block (<c>var sb = s_cached;</c>), outside any <c>lock</c>, in a member whose text does not synchronize before it
    /// (an <c>Interlocked</c> gate, <c>Monitor.Enter</c>, a semaphore's wait).
    /// </summary>
    private static bool IsUnguardedTake(AssignmentExpressionSyntax store, string name, Microsoft.CodeAnalysis.Text.SourceText text)
    {
        if (store.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member
            || SourceWords.Any(text, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(member.SpanStart, store.SpanStart), SynchronizingWords))
        {
            return false;
        }

        for (var node = store.Parent; node is not null && node != member; node = node.Parent)
        {
            if (node is LockStatementSyntax)
            {
                return false;
            }

            if (node is not BlockSyntax block)
            {
                continue;
            }

            foreach (var statement in block.Statements)
            {
                if (statement.SpanStart >= store.SpanStart)
                {
                    break;
                }

                if (statement is LocalDeclarationStatementSyntax declaration)
                {
                    foreach (var local in declaration.Declaration.Variables)
                    {
                        if (local.Initializer?.Value is { } value && Names(value, name))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    private static bool Names(ExpressionSyntax expression, string name) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } => member.Identifier.ValueText == name,
        _ => false,
    };
}
