using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// The members of an object that refuse to run while the work it started runs, by the checks they make before
/// anything else: <c>if (IsRunning) throw new InvalidOperationException("already started");</c> in the member and in
/// the method that starts the work (or the work itself), or a check the other way round of a flag the work leaves
/// alone (<c>if (m_attachedPoller == null) throw …;</c> in a member that needs a mode the work refuses to start in).
/// A caller that runs such a member meanwhile breaks its contract and is told so; only the flag itself is raced on,
/// since a check and the store after it are two steps (NetMQ's monitor: 'AttachToPoller' and 'DetachFromPoller'
/// beside the task 'StartAsync' runs 'Start' on).
/// </summary>
/// <remarks>
/// A member that refuses to run unless the flag the work sets is set (<c>if (!_running) throw …;</c> before an
/// <c>Enqueue</c>) runs only while the work runs: it is walked beside it as before.
/// </remarks>
internal sealed class RefusedWhileRunning
{
    private readonly IMethodSymbol _startingMethod;
    private readonly IMethodSymbol? _handler;
    private readonly Dictionary<string, bool> _work;
    private readonly CancellationToken _cancellationToken;
    private HashSet<string>? _setByWork;

    public RefusedWhileRunning(IMethodSymbol startingMethod, IMethodSymbol? handler, CancellationToken cancellationToken)
    {
        _startingMethod = startingMethod;
        _handler = handler;
        _cancellationToken = cancellationToken;
        _work = Guards(startingMethod, follow: true);
        if (handler is not null)
        {
            foreach (var pair in Guards(handler, follow: true))
            {
                _work[pair.Key] = pair.Value;
            }
        }
    }

    /// <summary>The flags the start and the work store into, read only when a member checks one the other way round.</summary>
    private HashSet<string> SetByWork()
    {
        if (_setByWork is null)
        {
            _setByWork = new HashSet<string>(StringComparer.Ordinal);
            StoresOf(_startingMethod, _setByWork, follow: true);
            if (_handler is not null)
            {
                StoresOf(_handler, _setByWork, follow: true);
            }
        }

        return _setByWork;
    }

    /// <summary>The flags by which <paramref name="member"/> refuses to run beside the work, or null when it does not.</summary>
    public HashSet<string>? ExcludedBy(IMethodSymbol member)
    {
        if (_work.Count == 0)
        {
            return null;
        }

        HashSet<string>? flags = null;
        foreach (var pair in Guards(member, follow: true))
        {
            if (_work.TryGetValue(pair.Key, out var whenSet) && (whenSet == pair.Value || !SetByWork().Contains(pair.Key)))
            {
                (flags ??= new HashSet<string>(StringComparer.Ordinal)).Add(pair.Key);
            }
        }

        return flags;
    }

    /// <summary>
    /// The flags a method checks before it does anything else, each with whether it refuses when the flag is set (true,
    /// non-null) or when it is not: <c>if (F) throw …;</c> after other such checks and calls like <c>CheckDisposed()</c>,
    /// or those of the one own method its body forwards to (<c>public void Run() =&gt; Run(new Context(this));</c>).
    /// </summary>
    private Dictionary<string, bool> Guards(IMethodSymbol method, bool follow)
    {
        var guards = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(_cancellationToken);
            if (Forwarded(syntax) is { } forwarded)
            {
                if (follow)
                {
                    foreach (var other in OwnMethodsCalled(method, forwarded))
                    {
                        foreach (var pair in Guards(other, follow: false))
                        {
                            guards[pair.Key] = pair.Value;
                        }
                    }
                }

                continue;
            }

            foreach (var statement in Statements(syntax))
            {
                if (statement is IfStatementSyntax { Else: null, Statement: var then } check
                    && (then is ThrowStatementSyntax || then is BlockSyntax { Statements: { Count: 1 } thrown } && thrown[0] is ThrowStatementSyntax))
                {
                    if (Flag(check.Condition) is { } flag && method.ContainingType.GetMembers(flag.Name).Any(static member => member is IFieldSymbol or IPropertySymbol))
                    {
                        guards[flag.Name] = flag.WhenSet;
                    }

                    continue;
                }

                if (statement is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax })
                {
                    break; // the checks come first
                }
            }
        }

        return guards;
    }

    /// <summary><c>F</c>, <c>this.F</c>, <c>!F</c>, <c>F == null</c>, <c>F != null</c>, <c>F is null</c>, <c>F is not null</c>.</summary>
    private static (string Name, bool WhenSet)? Flag(ExpressionSyntax condition)
    {
        switch (condition)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Flag(parenthesized.Expression);
            case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression):
                return Name(not.Operand) is { } negated ? (negated, false) : null;
            case BinaryExpressionSyntax { Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } compared:
                return Name(compared.Left) is { } nulled ? (nulled, compared.IsKind(SyntaxKind.NotEqualsExpression)) : null;
            case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } isNull:
                return Name(isNull.Expression) is { } absent ? (absent, false) : null;
            case IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } } isNotNull:
                return Name(isNotNull.Expression) is { } present ? (present, true) : null;
            default:
                return Name(condition) is { } name ? (name, true) : null;
        }
    }

    private static string? Name(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The names a method stores into (<c>F = …</c>, <c>ref F</c>), and those the own methods it calls store into.</summary>
    private void StoresOf(IMethodSymbol method, HashSet<string> names, bool follow)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(_cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax assignment when Name(assignment.Left) is { } stored:
                        names.Add(stored);
                        break;
                    case ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword } byRef when Name(byRef.Expression) is { } passed:
                        names.Add(passed);
                        break;
                    case InvocationExpressionSyntax call when follow:
                        foreach (var callee in OwnMethodsCalled(method, call))
                        {
                            StoresOf(callee, names, follow: false);
                        }

                        break;
                }
            }
        }
    }

    /// <summary>The methods of <paramref name="method"/>'s type, other than itself, that <paramref name="call"/> names by its simple name (<c>Run(x)</c>, <c>this.Run(x)</c>).</summary>
    internal static IEnumerable<IMethodSymbol> OwnMethodsCalled(IMethodSymbol method, InvocationExpressionSyntax call)
    {
        if (Name(call.Expression) is not { } name)
        {
            yield break;
        }

        foreach (var member in method.ContainingType.GetMembers(name))
        {
            if (member is IMethodSymbol other && !SymbolEqualityComparer.Default.Equals(other, method))
            {
                yield return other;
            }
        }
    }

    /// <summary>The one call a method's body is: <c>=&gt; Run(x)</c>, or <c>{ Run(x); }</c>.</summary>
    private static InvocationExpressionSyntax? Forwarded(SyntaxNode syntax)
    {
        if (syntax is MethodDeclarationSyntax { ExpressionBody.Expression: InvocationExpressionSyntax body })
        {
            return body;
        }

        var statements = Statements(syntax);
        return statements.Count == 1 && statements[0] is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax only } ? only : null;
    }

    private static SyntaxList<StatementSyntax> Statements(SyntaxNode syntax) => syntax switch
    {
        MethodDeclarationSyntax { Body: { } body } => body.Statements,
        AccessorDeclarationSyntax { Body: { } body } => body.Statements,
        _ => default,
    };
}
