using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Whether callers in the analysed document call a method repeatedly, so that fire-and-forget work it starts on
/// every call (<see cref="ConcurrentEntry.StartedPerCall"/>) runs alongside itself: a call in a loop or per-item
/// lambda, or a call from code that runs on several threads at once.
/// </summary>
/// <remarks>
/// Calls from two places alone do not count: on real code (StackExchange.Redis starts a connection's reader from two
/// places that never both run for one connection) that reported races between calls that never overlap.
/// Only this document's callers are seen, as everywhere in the model. For an instance method, a call on an object
/// created for that call (<c>new Trail().Record(x)</c>, or a local made fresh in each loop iteration) does not
/// count: that object's fields are not shared with the other calls.
/// </remarks>
internal static class RepeatedCallFinder
{
    public static bool IsCalledRepeatedly(IMethodSymbol method, SemanticModel semanticModel, List<ConcurrentEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var node in semanticModel.SyntaxTree.GetRoot(cancellationToken).DescendantNodes())
        {
            if (node is not InvocationExpressionSyntax call || NameOf(call.Expression) != method.Name)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (semanticModel.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
                || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, method.OriginalDefinition)
                || (!method.IsStatic && IsFreshReceiver(invocation)))
            {
                continue;
            }

            if (ConcurrentEntryFinder.IsRepeated(call) || RunsConcurrently(call, entries))
            {
                return true;
            }
        }

        return false;
    }

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    private static bool IsFreshReceiver(IInvocationOperation invocation)
        => invocation.Instance is { } instance
           && ConcurrentEntryFinder.Strip(instance) switch
           {
               IObjectCreationOperation => true,
               ILocalReferenceOperation local => ConcurrentEntryFinder.IsFreshPerRepetition(local.Local, invocation.Syntax),
               _ => false,
           };

    /// <summary>The call sits in the body of a started entry that runs on several threads at once (a <c>Parallel</c> body…).</summary>
    private static bool RunsConcurrently(SyntaxNode call, List<ConcurrentEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.MultiInstance && entry.Body is IAnonymousFunctionOperation lambda && lambda.Syntax.Span.Contains(call.Span)
                && lambda.Syntax.SyntaxTree == call.SyntaxTree)
            {
                return true;
            }
        }

        return false;
    }
}
