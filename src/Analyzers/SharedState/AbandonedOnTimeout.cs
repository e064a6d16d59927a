using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// An object given to an async call that a timeout beat in <c>Task.WhenAny</c>, changed by the caller while the call
/// still runs (FL1001, set bc R14):
/// <code>
/// var stepTask = step.ExecuteAsync(session, ct);            // adds to session.Log after each await
/// var finished = await Task.WhenAny(stepTask, Task.Delay(stepTimeout, ct));
/// if (finished != stepTask)
/// {
///     session.Log.Add($"{step.Name}: timed out");            // the step is not stopped: it adds to the same list
///     return session;
/// }
/// </code>
/// </summary>
/// <remarks>
/// <para><c>Task.WhenAny</c> returns when the first task ends; the other goes on. A timeout that wins stops nothing,
/// so the call goes on changing what it was given, on a pool thread, while the caller's timeout branch changes it
/// too.</para>
/// <para>Reported at the caller's change when all of these hold: a local holds the task of a call of a method of the
/// compilation, not awaited where it is made; the local and a <c>Task.Delay</c> are the arguments of
/// <c>Task.WhenAny</c>; an <c>if</c> whose condition says the winner is not that task (<c>finished != stepTask</c>)
/// changes a member of a variable the call was given (<c>session.Log.Add(…)</c>, <c>session.Status = …</c>) before
/// any wait for the task in that branch; and the called method, or a method of the compilation that implements it,
/// changes the member of the same name of its parameter at that position. No fix is offered: cancel the call and
/// await it before touching what it was given, or give it its own copy.</para>
/// </remarks>
internal static class AbandonedOnTimeout
{
    private static readonly string[] Words = ["WhenAny"];

    private static readonly HashSet<string> Mutators = new(StringComparer.Ordinal)
    {
        "Add", "AddRange", "Clear", "Insert", "Remove", "RemoveAt", "RemoveAll", "Enqueue", "Push", "Append", "AppendLine",
    };

    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text) => SourceWords.Any(text, Words);

    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        foreach (var race in SourceWords.InvocationsNamed(semanticModel.SyntaxTree.GetRoot(cancellationToken), Words))
        {
            if (race.ArgumentList.Arguments.Count != 2 || race.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member
                || WinnerLocal(race) is not { } winner)
            {
                continue;
            }

            foreach (var argument in race.ArgumentList.Arguments)
            {
                if (argument.Expression is not IdentifierNameSyntax { Identifier.ValueText: var task }
                    || !race.ArgumentList.Arguments.Any(static other => other.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Delay" } })
                    || TaskCall(member, task) is not { } call)
                {
                    continue;
                }

                foreach (var branch in TimeoutBranches(member, winner, task, race))
                {
                    foreach (var (change, variable, name) in Changes(branch, task))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (Position(call, variable) is not { } position
                            || semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { } method
                            || ChangingBody(method, position, name, semanticModel.Compilation, cancellationToken) is not { } changer
                            || semanticModel.GetSymbolInfo(change, cancellationToken).Symbol is not { } state)
                        {
                            continue;
                        }

                        var memberName = semanticModel.GetDeclaredSymbol(member, cancellationToken)?.Name ?? "this member";
                        findings.Add(DiagnosticIds.SharedStateMutation, change.GetLocation(), race.GetLocation(), state, lockName: null,
                            [$"{variable}.{name}", memberName,
                             $"the timeout won 'Task.WhenAny' at line {LineOf(race)}, but '{task}' still runs ('{changer}' changes '{name}' of the '{variable}' it was given) on another thread; cancel it and await it before touching '{variable}'"],
                            handedOver: true);
                        break;
                    }
                }
            }
        }
    }

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>The local the winner is kept in: <c>var finished = await Task.WhenAny(…)</c>.</summary>
    private static string? WinnerLocal(InvocationExpressionSyntax race)
    {
        SyntaxNode node = race;
        while (node.Parent is AwaitExpressionSyntax or ParenthesizedExpressionSyntax
               || node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } || node.Parent is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } })
        {
            node = node.Parent;
        }

        return node.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ? declarator.Identifier.ValueText : null;
    }

    /// <summary>The call whose task <paramref name="task"/> holds: <c>var stepTask = step.ExecuteAsync(session, ct);</c>, not awaited there.</summary>
    private static InvocationExpressionSyntax? TaskCall(MemberDeclarationSyntax member, string task)
    {
        foreach (var declarator in member.DescendantNodes().OfType<VariableDeclaratorSyntax>())
        {
            if (declarator.Identifier.ValueText == task && declarator.Initializer?.Value is InvocationExpressionSyntax call
                && ConcurrentEntryFinder.InvokedName(call.Expression) is not ("Run" or "StartNew" or "Delay" or "WhenAll" or "WhenAny"))
            {
                return call;
            }
        }

        return null;
    }

    /// <summary>The statements of each <c>if</c> after <paramref name="race"/> whose condition is <c>winner != task</c> (or <c>task != winner</c>).</summary>
    private static IEnumerable<StatementSyntax> TimeoutBranches(MemberDeclarationSyntax member, string winner, string task, InvocationExpressionSyntax race)
    {
        foreach (var check in member.DescendantNodes().OfType<IfStatementSyntax>())
        {
            if (check.SpanStart > race.Span.End
                && check.Condition is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression, Left: IdentifierNameSyntax left, Right: IdentifierNameSyntax right }
                && (left.Identifier.ValueText == winner && right.Identifier.ValueText == task || left.Identifier.ValueText == task && right.Identifier.ValueText == winner))
            {
                yield return check.Statement;
            }
        }
    }

    /// <summary>
    /// The changes of a variable's member in <paramref name="branch"/> before it waits for <paramref name="task"/>
    /// (<c>session.Status = …</c>, <c>session.Log.Add(…)</c>): the member access, the variable and the member's name.
    /// </summary>
    private static IEnumerable<(MemberAccessExpressionSyntax Change, string Variable, string Name)> Changes(StatementSyntax branch, string task)
    {
        foreach (var node in branch.DescendantNodesAndSelf(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is IdentifierNameSyntax { Identifier.ValueText: var name } awaited && name == task && awaited.Parent is AwaitExpressionSyntax or ArgumentSyntax or MemberAccessExpressionSyntax)
            {
                yield break;
            }

            var access = node switch
            {
                AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax left } => left,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method, Expression: MemberAccessExpressionSyntax changed } } when Mutators.Contains(method) => changed,
                _ => null,
            };
            if (access is { Expression: IdentifierNameSyntax { Identifier.ValueText: var variable } })
            {
                yield return (access, variable, access.Name.Identifier.ValueText);
            }
        }
    }

    /// <summary>The position of the argument that is <paramref name="variable"/> in <paramref name="call"/>.</summary>
    private static int? Position(InvocationExpressionSyntax call, string variable)
    {
        var arguments = call.ArgumentList.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].NameColon is null && arguments[i].Expression is IdentifierNameSyntax { Identifier.ValueText: var name } && name == variable)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>
    /// The name of a method that changes member <paramref name="name"/> of its parameter at <paramref name="position"/>:
    /// <paramref name="method"/> itself when declared in source, or a method of the compilation that implements or
    /// overrides it.
    /// </summary>
    private static string? ChangingBody(IMethodSymbol method, int position, string name, Compilation compilation, CancellationToken cancellationToken)
    {
        var candidates = new List<IMethodSymbol> { method };
        if (method.IsAbstract || method.IsVirtual || method.ContainingType.TypeKind == TypeKind.Interface)
        {
            foreach (var symbol in compilation.GetSymbolsWithName(method.Name, SymbolFilter.Member, cancellationToken))
            {
                if (symbol is IMethodSymbol other && !SymbolEqualityComparer.Default.Equals(other, method) && Implements(other, method))
                {
                    candidates.Add(other);
                }
            }
        }

        foreach (var candidate in candidates)
        {
            if (position >= candidate.Parameters.Length)
            {
                continue;
            }

            var parameter = candidate.Parameters[position].Name;
            foreach (var reference in candidate.DeclaringSyntaxReferences)
            {
                var body = reference.GetSyntax(cancellationToken);
                foreach (var node in body.DescendantNodes())
                {
                    var access = node switch
                    {
                        AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax left } => left,
                        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var called, Expression: MemberAccessExpressionSyntax changed } } when Mutators.Contains(called) => changed,
                        _ => null,
                    };
                    if (access is { Expression: IdentifierNameSyntax { Identifier.ValueText: var owner }, Name.Identifier.ValueText: var member } && owner == parameter && member == name)
                    {
                        return $"{candidate.ContainingType.Name}.{candidate.Name}";
                    }
                }
            }
        }

        return null;
    }

    private static bool Implements(IMethodSymbol candidate, IMethodSymbol method)
    {
        if (method.ContainingType.TypeKind == TypeKind.Interface)
        {
            var implementation = candidate.ContainingType.FindImplementationForInterfaceMember(method);
            return SymbolEqualityComparer.Default.Equals(implementation, candidate);
        }

        for (var overridden = candidate.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }
}
