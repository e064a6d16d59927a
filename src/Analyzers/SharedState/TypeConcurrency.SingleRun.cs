using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Work the type starts only when no earlier run of it is left (set am C31, a sonar poller):
/// <code>
/// await _lifecycle.WaitAsync();
/// try { if (_loop is not null) return; _contacts.Clear(); _loop = Task.Run(() => PollAsync(cts.Token)); }
/// finally { _lifecycle.Release(); }
/// …
/// await _loop; _loop = null; return _contacts.ToArray();   // StopAsync, under the same lock
/// </code>
/// Callers may call <c>StartAsync</c> at once, but the check and the start share one lock region and the field is
/// cleared only after the run it holds has ended, so <c>PollAsync</c> runs alone: beside the members, never beside
/// itself. What a starter does between its check and the start, and what a member does after awaiting the run, is
/// ordered with all of the run.
/// </summary>
internal sealed partial class TypeConcurrency
{
    private readonly Dictionary<IMethodSymbol, SingleRunWork?> _singleRuns = new(SymbolEqualityComparer.Default);

    /// <summary>The single-run work <paramref name="method"/> is, or null (see the type's remarks).</summary>
    private SingleRunWork? SingleRun(IMethodSymbol method)
    {
        if (!_singleRuns.TryGetValue(method, out var work))
        {
            _singleRuns[method] = work = FindSingleRun(method);
        }

        return work;
    }

    private SingleRunWork? FindSingleRun(IMethodSymbol method)
    {
        if (WorkFieldOf(method) is not { } field)
        {
            return null;
        }

        var starts = new List<Start>();
        foreach (var reference in _type.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(_cancellationToken);
            foreach (var token in SourceWords.IdentifiersNamed(declaration, field))
            {
                if (token.Parent is not IdentifierNameSyntax name)
                {
                    continue;
                }

                var target = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == name ? (ExpressionSyntax)qualified : name;
                if (target.Parent is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment || assignment.Left != target)
                {
                    continue; // a read: the check, the join, a copy
                }

                if (assignment.Right is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression })
                {
                    // Cleared only once the run it held has ended, else a new run could start beside the old one.
                    if (!JoinsBefore(assignment.GetLocation(), name => name == field))
                    {
                        return null;
                    }

                    continue;
                }

                // WorkFieldOf saw that every call of the method is such a start; any other value stored is other work.
                if (StartOf(assignment, method.Name, field) is not { } start)
                {
                    return null;
                }

                starts.Add(start);
            }
        }

        return starts.Count > 0 ? new SingleRunWork(field, starts) : null;
    }

    /// <summary>
    /// The start <paramref name="assignment"/> makes (<c>_loop = Task.Run(() => PollAsync(ct));</c>), when an <c>if</c>
    /// before it in the same block refuses to start while the field holds a run (<c>if (_loop is not null) return;</c>)
    /// and that block is inside a lock region (a <c>lock</c>, or a <c>try</c> whose <c>finally</c> releases); else null.
    /// </summary>
    private static Start? StartOf(AssignmentExpressionSyntax assignment, string method, string field)
    {
        if (assignment.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax block } statement
            || assignment.Right.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .FirstOrDefault(call => call.Expression is IdentifierNameSyntax { Identifier.ValueText: var called } && called == method) is not { } call
            || !InLockRegion(block))
        {
            return null;
        }

        var index = block.Statements.IndexOf(statement);
        for (var i = index - 1; i >= 0; i--)
        {
            if (block.Statements[i] is IfStatementSyntax { Else: null } check && ChecksRunning(check.Condition, field) && Leaves(check.Statement))
            {
                return new Start(call.GetLocation(), check.Span.End, statement.SpanStart);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="block"/> runs holding a lock its method takes around it.</summary>
    private static bool InLockRegion(BlockSyntax block)
    {
        foreach (var ancestor in block.Ancestors())
        {
            switch (ancestor)
            {
                case LockStatementSyntax:
                case TryStatementSyntax { Finally.Block: var @finally } when @finally.DescendantNodes().OfType<InvocationExpressionSyntax>()
                    .Any(call => call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Release" or "Exit" or "ExitWriteLock" }):
                    return true;
                case MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="condition"/> is true while <paramref name="field"/> holds a run: <c>_loop is not null</c>, <c>_loop != null</c>, <c>_loop is { }</c>.</summary>
    private static bool ChecksRunning(ExpressionSyntax condition, string field)
    {
        bool IsField(ExpressionSyntax expression) => FieldNames.Written(expression) == field;

        return condition switch
        {
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression, Left: var left, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } => IsField(left),
            IsPatternExpressionSyntax { Expression: var tested, Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } or RecursivePatternSyntax } => IsField(tested),
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="statement"/> leaves the method: a <c>return</c> or <c>throw</c>, or a block that ends with one.</summary>
    internal static bool Leaves(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax => true,
        BlockSyntax { Statements: { Count: > 0 } statements } => Leaves(statements.Last()),
        _ => false,
    };

    /// <summary>The single-run works found among the type's methods so far (every entry has been asked by then).</summary>
    private List<SingleRunWork> SingleRuns()
    {
        var works = new List<SingleRunWork>();
        foreach (var work in _singleRuns.Values)
        {
            if (work is not null)
            {
                works.Add(work);
            }
        }

        return works;
    }

    /// <summary>
    /// Whether <paramref name="access"/>, made by a caller, lies between a single-run work's check and its start in
    /// the starting method: no run is left then, and the run starts after it.
    /// </summary>
    private static bool BeforeSingleRunStart(Reached access, List<SingleRunWork> works)
    {
        var location = access.Access.Location;
        foreach (var work in works)
        {
            foreach (var start in work.Starts)
            {
                if (start.Call.SourceTree == location.SourceTree
                    && location.SourceSpan.Start >= start.CheckedAt && location.SourceSpan.End <= start.StartAt)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A method the type starts only when no earlier run is left: the field that holds the run, and its starts.</summary>
    private sealed class SingleRunWork(string field, List<Start> starts)
    {
        public string Field { get; } = field;

        public List<Start> Starts { get; } = starts;
    }

    /// <summary>One start: the call in the started lambda, the end of the check that refuses, and the start's statement.</summary>
    private sealed class Start(Location call, int checkedAt, int startAt)
    {
        public Location Call { get; } = call;

        public int CheckedAt { get; } = checkedAt;

        public int StartAt { get; } = startAt;
    }
}
