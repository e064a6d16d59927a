using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A <c>CancellationTokenSource</c> field swapped for a new one and the old source disposed through a local, while
/// another member that callers run at the same time reads the field's token with no lock (FL1001, blind set bl R14):
/// <code>
/// public ValueTask EnqueueAsync(DropRequest request) => _channel.Writer.WriteAsync((request, _planCts.Token));
/// public void ReplanAll() { var old = _planCts; _planCts = new CancellationTokenSource(); old.Cancel(); old.Dispose(); }
/// </code>
/// </summary>
/// <remarks>
/// <para>A reader that took the old source just before the swap asks it for its token after the dispose: an
/// <c>ObjectDisposedException</c>, or a token that is already cancelled, handed to work that should have run; and two
/// swaps at once can read the same old source and both dispose it while a third caller reads it.</para>
/// <para>The members run at once when the type says so (<see cref="DeclaredConcurrency"/>: an attribute, its
/// documentation, a singleton registration), or when a type that says so keeps an instance in a field and calls the
/// reader or the swapping member through it (an incident console "invoked from concurrent web requests" that holds the
/// queue): <see cref="ConcurrentHolders"/>. Not reported: a reader or swap that holds a lock (a <c>lock</c>, or a
/// <c>try</c> whose <c>finally</c> releases one), a swap in <c>Dispose</c>, and a type with no such declaration.
/// The ordinary replaced-while-running shape, the field itself disposed while a loop the type started reads it, is
/// <see cref="ReplacedWhileRunning"/>. No fix is offered: swap and read under one lock, or hand each request the token
/// of a source it keeps.</para>
/// </remarks>
internal static class SwappedAndDisposed
{
    private static readonly string[] Words = ["CancellationTokenSource"];
    private static readonly string[] DisposeNames = ["Dispose"];
    private static readonly string[] TokenReads = ["Token", "IsCancellationRequested", "Cancel", "CancelAfter"];

    /// <summary>Whether <paramref name="text"/> can hold a cancellation source that is disposed.</summary>
    public static bool MayContain(SourceText text)
        => SourceWords.Any(text, Words) && SourceWords.Any(text, DisposeNames);

    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        foreach (var dispose in SourceWords.InvocationsNamed(root, DisposeNames))
        {
            if (Disposed(dispose) is not { } local
                || dispose.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { Parent: TypeDeclarationSyntax type, Body: { } body } swapper
                || swapper.Identifier.ValueText is "Dispose" or "DisposeAsync"
                || MethodSyntaxFacts.IsPrivate(swapper)
                || TakenFrom(body, local, dispose) is not { } field
                || StoreOfNew(body, field) is not { } store
                || EntryPublishedThenFilled.InHeldRegion(store)
                || UnlockedReader(type, field, swapper) is not { } reader)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (semanticModel.GetSymbolInfo(store.Left, cancellationToken).Symbol is not IFieldSymbol { IsStatic: false, Type: var fieldType } symbol
                || !ReplacedWhileRunning.IsCancellationSource(fieldType)
                || semanticModel.GetDeclaredSymbol(type, cancellationToken) is not INamedTypeSymbol declared
                || ConcurrentHolders.Why(declared, semanticModel.Compilation, [reader.Identifier.ValueText, swapper.Identifier.ValueText], cancellationToken) is not { } why)
            {
                continue;
            }

            findings.Add(DiagnosticIds.SharedStateMutation, store.GetLocation(), reader.Identifier.GetLocation(), symbol, lockName: null,
                [field, swapper.Identifier.ValueText,
                 $"'{reader.Identifier.ValueText}' reads '{field}' with no lock while this runs ({why}), and can take the old source just before the swap and use it after '{local}.Dispose()' (swap and read under one lock, or hand each caller a token of a source it keeps)"],
                handedOver: true);
        }
    }

    /// <summary>The local disposed by <paramref name="dispose"/> (<c>old.Dispose()</c>, <c>old?.Dispose()</c>), or null.</summary>
    private static string? Disposed(InvocationExpressionSyntax dispose)
    {
        var receiver = dispose.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Expression,
            MemberBindingExpressionSyntax when dispose.Parent is ConditionalAccessExpressionSyntax conditional => conditional.Expression,
            _ => null,
        };
        return receiver is IdentifierNameSyntax { Identifier.ValueText: var name } ? name : null;
    }

    /// <summary>
    /// The field <paramref name="local"/> was declared from before <paramref name="dispose"/> (<c>var old = _planCts;</c>),
    /// outside any lambda, or null.
    /// </summary>
    private static string? TakenFrom(BlockSyntax body, string local, InvocationExpressionSyntax dispose)
    {
        foreach (var node in body.DescendantNodes())
        {
            if (node.SpanStart >= dispose.SpanStart)
            {
                break;
            }

            if (node is VariableDeclaratorSyntax { Initializer.Value: var value } declarator
                && declarator.Identifier.ValueText == local
                && FieldNames.Written(value) is { } field
                && declarator.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is null)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The store of a new object into <paramref name="field"/> in <paramref name="body"/>, outside any lambda, or null.</summary>
    private static AssignmentExpressionSyntax? StoreOfNew(BlockSyntax body, string field)
    {
        foreach (var node in body.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: var target, Right: BaseObjectCreationExpressionSyntax } assignment
                && FieldNames.Written(target) == field
                && assignment.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is null)
            {
                return assignment;
            }
        }

        return null;
    }

    /// <summary>
    /// A method of <paramref name="type"/> other than <paramref name="swapper"/> and its disposal, that callers can call
    /// (not private), and that reads <paramref name="field"/>'s token or cancels it outside any held region, or null.
    /// </summary>
    private static MethodDeclarationSyntax? UnlockedReader(TypeDeclarationSyntax type, string field, MethodDeclarationSyntax swapper)
    {
        foreach (var member in type.Members)
        {
            if (member is not MethodDeclarationSyntax method
                || method == swapper
                || MethodSyntaxFacts.IsPrivate(method)
                || method.Identifier.ValueText is "Dispose" or "DisposeAsync")
            {
                continue;
            }

            foreach (var token in SourceWords.IdentifiersNamed(method, field))
            {
                if (token.Parent is IdentifierNameSyntax name
                    && (name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == name ? qualified.Parent : name.Parent)
                        is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var read } access
                    && Array.IndexOf(TokenReads, read) >= 0
                    && access.Expression.Span.Contains(name.Span)
                    && !EntryPublishedThenFilled.InHeldRegion(name))
                {
                    return method;
                }
            }
        }

        return null;
    }
}
