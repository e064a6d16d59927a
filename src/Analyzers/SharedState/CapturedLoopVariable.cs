using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A lambda started on another thread inside a <c>for</c> loop that reads the loop's variable: C# gives a <c>for</c>
/// loop one variable for all its passes (unlike <c>foreach</c>), so the loop's <c>r++</c> races with the thread's read,
/// and the thread may see the next pass's value or one past the end (<c>new Thread(() =&gt; Work(_regions[r]))</c>).
/// Work joined within the same pass (<c>Parallel.For</c>, an awaited task) has finished before the variable changes.
/// </summary>
internal static class CapturedLoopVariable
{
    /// <summary>Adds a finding at the first read of a captured <c>for</c> variable in the body of <paramref name="entry"/>.</summary>
    public static void Find(ConcurrentEntry entry, SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        if (entry.Body is not IAnonymousFunctionOperation lambda || lambda.Syntax.SyntaxTree != semanticModel.SyntaxTree)
        {
            return;
        }

        foreach (var loop in EnclosingLoops(lambda.Syntax))
        {
            if (loop.Declaration is not { } declaration || entry.IntervalEnd < loop.Statement.Span.End)
            {
                continue; // joined within the pass: done before the loop changes its variable
            }

            foreach (var variable in declaration.Variables)
            {
                if (semanticModel.GetDeclaredSymbol(variable, cancellationToken) is not ILocalSymbol local || !IsChangedByLoop(loop, local.Name))
                {
                    continue;
                }

                foreach (var reference in lambda.Body.DescendantsAndSelf())
                {
                    if (reference is ILocalReferenceOperation { Local: var read } && SymbolEqualityComparer.Default.Equals(read, local))
                    {
                        var line = loop.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                        var startLine = entry.StartOperation.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                        var member = semanticModel.GetEnclosingSymbol(loop.SpanStart, cancellationToken);
                        while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
                        {
                            member = member.ContainingSymbol;
                        }

                        findings.Add(DiagnosticIds.SharedStateMutation, reference.Syntax.GetLocation(), entry.StartOperation.Syntax.GetLocation(), local, null,
                            [local.Name, (member as IMethodSymbol)?.AssociatedSymbol?.Name ?? member?.Name ?? "?",
                             $"the loop at line {line} moves its one '{local.Name}' on while the code started at line {startLine} reads it (copy it to a local declared inside the loop)"]);
                        return;
                    }
                }
            }
        }
    }

    /// <summary>The <c>for</c> statements whose body holds <paramref name="node"/>, up to the enclosing member or lambda.</summary>
    private static IEnumerable<ForStatementSyntax> EnclosingLoops(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null and not MemberDeclarationSyntax and not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax; current = current.Parent)
        {
            if (current is ForStatementSyntax loop && loop.Statement.Span.Contains(node.Span))
            {
                yield return loop;
            }
        }
    }

    /// <summary>Whether the loop's incrementors assign the variable (<c>r++</c>, <c>r += 2</c>, <c>r = Next(r)</c>).</summary>
    private static bool IsChangedByLoop(ForStatementSyntax loop, string name)
    {
        foreach (var incrementor in loop.Incrementors)
        {
            foreach (var identifier in incrementor.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText == name)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
