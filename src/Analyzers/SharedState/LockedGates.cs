using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A flag claimed under a lock and given back without it:
/// <c>lock (_gate) { if (_busy) return; _busy = true; } try { … } finally { _busy = false; }</c>. The check and the
/// claim are one step under the lock, so only the caller that claimed the flag runs the <c>try</c> and gives the flag
/// back; its store cannot lose another caller's claim, which can only come after it (Rebus's
/// <c>SystemThreadingTimerAsyncTask.Tick</c>, a timer callback that skips a tick while the last one runs). It is the
/// lock-made twin of the compare-and-swap gates of <see cref="GateFacts"/>.
/// </summary>
internal static class LockedGates
{
    /// <summary>
    /// Whether the store at <paramref name="location"/> gives back such a flag: <c>flag = false</c> (or <c>true</c>) as
    /// a statement of a <c>finally</c> whose <c>try</c> follows, in the same block, a <c>lock</c> that leaves when the
    /// flag is set and then claims it with the opposite constant.
    /// </summary>
    public static bool IsRelease(Location location, CancellationToken cancellationToken)
    {
        if (location.SourceTree is not { } tree
            || tree.GetRoot(cancellationToken).FindNode(location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>() is not
            {
                RawKind: (int)SyntaxKind.SimpleAssignmentExpression,
                Right: LiteralExpressionSyntax released,
                Parent: ExpressionStatementSyntax { Parent: BlockSyntax } statement,
            } store
            || NullCheckedReads.NameOf(store.Left) is not { } flag
            || Bool(released) is not { } value)
        {
            return false;
        }

        if (store.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is { Parent: ArgumentSyntax { Parent.Parent: { } start } }
            && StartedAlone(start) is { } claim && claim.Flag == flag && claim.Claimed != value)
        {
            return true; // the work the winner started gives the flag back as its last step
        }

        if (statement.Parent?.Parent is not FinallyClauseSyntax { Parent: TryStatementSyntax attempt } || attempt.Parent is not BlockSyntax block)
        {
            return false;
        }

        for (var i = block.Statements.IndexOf(attempt) - 1; i >= 0; i--)
        {
            if (block.Statements[i] is LockStatementSyntax { Statement: BlockSyntax region } && Claims(region, flag, !value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The flag claimed by the caller that alone runs <paramref name="start"/> (a <c>new Thread(…)</c>, a
    /// <c>Task.Run(…)</c>), when the work it starts is the flag's one giver-back, as its last step; null otherwise:
    /// <code>
    /// var won = false;
    /// lock (_gate) { if (!_switching) { _switching = won = true; } }
    /// if (won) { new Thread(() => { …; _switching = false; }).Start(); }
    /// </code>
    /// However many callers ask at once, one thread runs until it gives the flag back, and the next can start only after
    /// that store, with nothing left for the last one to do (CSRedis' <c>BackgroundGetSentinelMasterValue</c>, which
    /// every failing command calls). The start must be under <c>if (won)</c> with no loop between, <c>won</c> a local
    /// that starts <c>false</c> and is set <c>true</c> only in the claim, and every other store into the flag in the
    /// type's declaration must be a release inside the started lambda, followed by <c>return</c> or ending its body.
    /// </summary>
    public static (string Flag, bool Claimed)? StartedAlone(SyntaxNode start)
    {
        IfStatementSyntax? gate = null;
        SyntaxNode? scope = null;
        for (var node = start.Parent; node is not null && scope is null; node = node.Parent)
        {
            switch (node)
            {
                case ForStatementSyntax or ForEachStatementSyntax or ForEachVariableStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    return null;
                case IfStatementSyntax { Condition: IdentifierNameSyntax, Else: null } test when gate is null && test.Statement.Span.Contains(start.Span):
                    gate = test;
                    break;
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                    scope = node;
                    break;
            }
        }

        if (gate?.Condition is not IdentifierNameSyntax { Identifier.ValueText: var won } || scope is null
            || ClaimOf(scope, won) is not { } claim
            || start.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
        {
            return null;
        }

        foreach (var store in type.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (NullCheckedReads.NameOf(store.Left) != claim.Flag
                || (store.Right is AssignmentExpressionSyntax { Right: var inner } ? inner : store.Right) is LiteralExpressionSyntax stored && Bool(stored) == claim.Claimed)
            {
                continue; // a claim, here or anywhere, admits no one
            }

            if (!(store is { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: LiteralExpressionSyntax released, Parent: ExpressionStatementSyntax statement }
                  && Bool(released) == !claim.Claimed
                  && start.Span.Contains(store.Span)
                  && store.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is { Parent: ArgumentSyntax { Parent.Parent: { } owner } } work
                  && owner == start
                  && EndsWork(statement, work)))
            {
                return null;
            }
        }

        return claim;
    }

    /// <summary>
    /// The flag that <paramref name="won"/> wins in <paramref name="scope"/>: the local starts <c>false</c>, and every
    /// store of <c>true</c> into it is a claim (<see cref="IsClaim"/>) of one flag under a lock that checked it first.
    /// </summary>
    private static (string Flag, bool Claimed)? ClaimOf(SyntaxNode scope, string won)
    {
        (string Flag, bool Claimed)? claim = null;
        var declared = false;
        foreach (var node in scope.DescendantNodes())
        {
            if (node is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax initial } declarator && declarator.Identifier.ValueText == won)
            {
                declared = Bool(initial) == false;
            }
            else if (node is AssignmentExpressionSyntax store && NullCheckedReads.NameOf(store.Left) == won
                     && !(store.Right is LiteralExpressionSyntax literal && Bool(literal) == false))
            {
                if (!IsClaim(store, won) || FlagClaimedWith(store) is not { } flag || claim is { } earlier && earlier != flag)
                {
                    return null;
                }

                claim = flag;
            }
        }

        return declared ? claim : null;
    }

    /// <summary>
    /// Whether <paramref name="store"/> is part of a claim: <c>won = true</c>, alone or in <c>_flag = won = true</c>,
    /// under a <c>lock</c>, after a check of the flag there (an enclosing <c>if</c> that names it, or an earlier
    /// <c>if (flag) return;</c> in the locked block).
    /// </summary>
    private static bool IsClaim(AssignmentExpressionSyntax store, string won)
    {
        var local = NullCheckedReads.NameOf(store.Left) == won ? store : store.Right as AssignmentExpressionSyntax;
        if (local is null || NullCheckedReads.NameOf(local.Left) != won || FlagClaimedWith(local) is not { } claim)
        {
            return false;
        }

        for (var node = local.Parent; node is not null and not MemberDeclarationSyntax and not AnonymousFunctionExpressionSyntax; node = node.Parent)
        {
            if (node is IfStatementSyntax test && Mentions(test.Condition, claim.Flag) && test.FirstAncestorOrSelf<LockStatementSyntax>() is not null)
            {
                return true;
            }

            if (node is LockStatementSyntax { Statement: BlockSyntax region } && local.FirstAncestorOrSelf<StatementSyntax>() is { } claimed
                && region.Statements.TakeWhile(s => s != claimed).Any(s => s is IfStatementSyntax { Else: null } check && Leaves(check.Statement) && Mentions(check.Condition, claim.Flag)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The flag a store of <c>true</c> into the winner's local claims with it: <c>_flag = won = true</c>, or
    /// <c>_flag = true;</c> in the same block as <c>won = true;</c>.
    /// </summary>
    private static (string Flag, bool Claimed)? FlagClaimedWith(AssignmentExpressionSyntax local)
    {
        if (local.Right is not LiteralExpressionSyntax value || Bool(value) != true)
        {
            return null;
        }

        if (local.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } chained && chained.Right == local)
        {
            return NullCheckedReads.NameOf(chained.Left) is { } flag ? (flag, true) : null;
        }

        if (local.Parent is ExpressionStatementSyntax { Parent: BlockSyntax block })
        {
            foreach (var statement in block.Statements)
            {
                if (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: LiteralExpressionSyntax stored } sibling }
                    && sibling != local && NullCheckedReads.NameOf(sibling.Left) is { } flag && NullCheckedReads.NameOf(local.Left) != flag && Bool(stored) is { } claimed)
                {
                    return (flag, claimed);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether nothing of <paramref name="work"/> runs after <paramref name="statement"/>: a <c>return</c> follows it,
    /// or it ends the lambda's body, or the <c>finally</c> of a <c>try</c> that ends it.
    /// </summary>
    private static bool EndsWork(ExpressionStatementSyntax statement, AnonymousFunctionExpressionSyntax work)
    {
        if (statement.Parent is not BlockSyntax block)
        {
            return false;
        }

        var index = block.Statements.IndexOf(statement);
        if (index + 1 < block.Statements.Count)
        {
            return block.Statements[index + 1] is ReturnStatementSyntax { Expression: null };
        }

        return block.Parent == work
               || block.Parent is FinallyClauseSyntax { Parent: TryStatementSyntax { Parent: BlockSyntax body } attempt } && body.Parent == work && body.Statements.Last() == attempt;
    }

    /// <summary>
    /// Whether <paramref name="region"/> leaves when <paramref name="flag"/> is set (<c>if (_busy) return;</c>) and then,
    /// at its own level, stores <paramref name="claimed"/> into it.
    /// </summary>
    private static bool Claims(BlockSyntax region, string flag, bool claimed)
    {
        var checkedFirst = false;
        foreach (var statement in region.Statements)
        {
            if (statement is IfStatementSyntax { Else: null } check && Leaves(check.Statement) && Mentions(check.Condition, flag))
            {
                checkedFirst = true;
            }
            else if (checkedFirst && statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: LiteralExpressionSyntax stored } claim }
                     && NullCheckedReads.NameOf(claim.Left) == flag && Bool(stored) == claimed)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Leaves(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax => true,
        BlockSyntax { Statements.Count: 1 } block => Leaves(block.Statements[0]),
        _ => false,
    };

    private static bool Mentions(ExpressionSyntax condition, string flag)
    {
        foreach (var node in condition.DescendantNodesAndSelf())
        {
            if (node is IdentifierNameSyntax name && name.Identifier.ValueText == flag)
            {
                return true;
            }
        }

        return false;
    }

    private static bool? Bool(LiteralExpressionSyntax literal)
        => literal.IsKind(SyntaxKind.TrueLiteralExpression) ? true : literal.IsKind(SyntaxKind.FalseLiteralExpression) ? false : null;
}
