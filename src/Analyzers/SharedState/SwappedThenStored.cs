using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A pair of fields updated in two steps, the first a compare-and-swap loop and the second a plain store (FL1001):
/// <code>
/// while (true)
/// {
///     long current = Interlocked.Read(ref _highestPence);
///     if (amount &lt;= current) return false;
///     if (Interlocked.CompareExchange(ref _highestPence, amount, current) == current) break;
/// }
/// _highestBidder = bidder;   // two winners in a row can store their names in the other order
/// </code>
/// </summary>
/// <remarks>
/// <para>A retry loop around <c>CompareExchange</c> with a comparand read before it (not a constant gate such as
/// <c>CompareExchange(ref _busy, 1, 0)</c>, which lets one caller in until it is reset) is written for callers that run
/// at once, and many of them can win it, one after another. A field stored after the loop from the call's own
/// arguments is then written by every winner, in whatever order they get there: the last bidder stored need not be the
/// one whose amount won, and readers see a pair no call wrote. The two fields have to change together: under one lock,
/// or as one immutable object swapped with <c>CompareExchange</c>.</para>
/// <para>Reported at the store when all of these hold: the loop is <c>if (CompareExchange(ref F, v, c) == c) break;</c>
/// inside a loop, or <c>while</c>/<c>do … while (CompareExchange(ref F, v, c) != c)</c>, with <c>c</c> a variable; the
/// method is not private; a statement after the loop in the same block (before any <c>return</c> or <c>lock</c>) stores
/// another field of the same object plainly (<c>G = …</c>) with a value that uses one of the method's parameters. Found
/// from syntax first: only a candidate's two fields are bound. No fix is offered.</para>
/// <para>In a type that declares itself shared, <see cref="TypeConcurrency"/> reports the same store through its
/// summaries (<c>MemberAccess.AfterSwapOf</c>), as every plain store there; this check needs no declaration, since the
/// retry loop is the author's own word that the method runs on several threads at once (set ad R12 only synchronizes).
/// One store is reported once either way (<see cref="RaceFindings"/> keeps one finding per rule and place).</para>
/// </remarks>
internal static class SwappedThenStored
{
    private static readonly string[] SwapWord = ["CompareExchange"];

    /// <summary>Whether <paramref name="text"/> can hold a compare-and-swap at all.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text) => SourceWords.Any(text, SwapWord);

    /// <summary>Adds a finding for every field stored after a compare-and-swap loop of another in <paramref name="semanticModel"/>'s tree.</summary>
    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        foreach (var swap in SourceWords.InvocationsNamed(semanticModel.SyntaxTree.GetRoot(cancellationToken), SwapWord))
        {
            if (swap.ArgumentList.Arguments.Count != 3
                || swap.ArgumentList.Arguments[0] is not { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword, Expression: var swapped }
                || FieldNames.Written(swapped) is not { } swappedName
                || swap.ArgumentList.Arguments[2].Expression is not IdentifierNameSyntax { Identifier.ValueText: var comparand }
                || RetryLoop(swap, comparand) is not { Parent: BlockSyntax block } loop
                || swap.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not MethodDeclarationSyntax method
                || method.Modifiers.Any(SyntaxKind.PrivateKeyword)
                || StoreAfter(block, loop, swappedName, method) is not { } store)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (semanticModel.GetSymbolInfo(swapped, cancellationToken).Symbol is not IFieldSymbol first
                || semanticModel.GetSymbolInfo(store.Left, cancellationToken).Symbol is not IFieldSymbol { IsReadOnly: false, IsConst: false } second
                || !SymbolEqualityComparer.Default.Equals(first.ContainingType, second.ContainingType) || first.IsStatic != second.IsStatic
                || semanticModel.GetDeclaredSymbol(method, cancellationToken) is not { DeclaredAccessibility: not Accessibility.Private } member)
            {
                continue;
            }

            findings.Add(DiagnosticIds.SharedStateMutation, store.GetLocation(), swap.GetLocation(), second, lockName: null,
                [second.Name, member.Name,
                 $"it is stored after the compare-and-swap of '{first.Name}' succeeds, in a second step: two calls can win the swap one after the other and store '{second.Name}' in the other order, leaving it beside a '{first.Name}' it was not stored with; change the two together, under one lock or as one object swapped with 'Interlocked.CompareExchange'"],
                handedOver: true);
        }
    }

    /// <summary>
    /// The loop that retries <paramref name="swap"/> until it succeeds: <c>if (swap == c) break;</c> in its body, or
    /// <c>swap != c</c> as its condition.
    /// </summary>
    private static StatementSyntax? RetryLoop(InvocationExpressionSyntax swap, string comparand)
    {
        if (swap.Parent is not BinaryExpressionSyntax comparison
            || (comparison.Left == swap ? comparison.Right : comparison.Left) is not IdentifierNameSyntax { Identifier.ValueText: var other }
            || other != comparand)
        {
            return null;
        }

        if (comparison.IsKind(SyntaxKind.NotEqualsExpression))
        {
            return comparison.Parent switch
            {
                WhileStatementSyntax loop when loop.Condition == comparison => loop,
                DoStatementSyntax loop when loop.Condition == comparison => loop,
                _ => null,
            };
        }

        if (!comparison.IsKind(SyntaxKind.EqualsExpression)
            || comparison.Parent is not IfStatementSyntax { Else: null } check || check.Condition != comparison
            || !(check.Statement is BreakStatementSyntax || check.Statement is BlockSyntax { Statements: { Count: > 0 } statements } && statements[statements.Count - 1] is BreakStatementSyntax))
        {
            return null;
        }

        for (var node = check.Parent; node is not null and not MemberDeclarationSyntax; node = node.Parent)
        {
            switch (node)
            {
                case WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax:
                    return (StatementSyntax)node;
                case SwitchStatementSyntax or ForEachStatementSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return null; // the break leaves something else
            }
        }

        return null;
    }

    /// <summary>
    /// The first plain store of another field after <paramref name="loop"/> in <paramref name="block"/>, before any
    /// <c>return</c> or <c>lock</c>, whose value uses a parameter of <paramref name="method"/>.
    /// </summary>
    private static AssignmentExpressionSyntax? StoreAfter(BlockSyntax block, StatementSyntax loop, string swappedName, MethodDeclarationSyntax method)
    {
        var parameters = new HashSet<string>(method.ParameterList.Parameters.Select(p => p.Identifier.ValueText), StringComparer.Ordinal);
        for (var i = block.Statements.IndexOf(loop) + 1; i < block.Statements.Count; i++)
        {
            var statement = block.Statements[i];
            if (statement is ReturnStatementSyntax or LockStatementSyntax or ThrowStatementSyntax)
            {
                return null;
            }

            if (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } store }
                && FieldNames.Written(store.Left) is { } name && name != swappedName
                && store.Right.DescendantNodesAndSelf().Any(n => n is IdentifierNameSyntax { Identifier.ValueText: var used } && parameters.Contains(used)))
            {
                return store;
            }
        }

        return null;
    }
}
