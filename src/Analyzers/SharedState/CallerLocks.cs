using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Whether code runs only while its thread holds a lock: inside a lock region of its own body (a <c>lock</c>, a
/// <c>Monitor</c> or <c>SemaphoreSlim</c> region, a compare-and-swap gate: <see cref="SynchronizationFacts.LocksAt(IOperation)"/>),
/// or in a private method every call of which holds one. The second is the "…NoLock" helper of a type whose public
/// members take the lock and then call it (Quartz's <c>RAMJobStore.AddJobNoLock</c>).
/// </summary>
/// <remarks>
/// The calls are found by the method's name in its type's declarations and bound one by one. A private method used
/// any other way (as a delegate) could run anywhere, so it does not count; nor does one with no call at all. Calls
/// from other private methods are followed a few levels up.
/// </remarks>
internal static class CallerLocks
{
    private const int MaxDepth = 3;

    public static bool RunsUnderLock(IOperation operation, CancellationToken cancellationToken)
    {
        if (operation.SemanticModel is not { } semanticModel)
        {
            return false;
        }

        var facts = new SynchronizationFacts(ConcurrencyTypes.For(semanticModel.Compilation));
        if (facts.LocksAt(operation).Count > 0)
        {
            return true;
        }

        // Not inside a lambda or local function: it may run later, or elsewhere, without the caller's lock.
        return OperationTree.BodyOf(operation) is null && semanticModel.GetEnclosingSymbol(operation.Syntax.SpanStart, cancellationToken) is IMethodSymbol method
               && EveryCallHoldsLock(method, semanticModel, facts, depth: 0, cancellationToken);
    }

    private static bool EveryCallHoldsLock(IMethodSymbol method, SemanticModel semanticModel, SynchronizationFacts facts, int depth, CancellationToken cancellationToken)
    {
        if (depth >= MaxDepth || method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Private
            || method.ContainingType is not { } type)
        {
            return false;
        }

        var calls = 0;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            var model = reference.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : ModelOf(semanticModel.Compilation, reference.SyntaxTree);
            foreach (var token in declaration.DescendantTokens())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (token.ValueText != method.Name || token.Parent is not SimpleNameSyntax name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, method.OriginalDefinition))
                {
                    continue;
                }

                ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee
                    || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call)
                {
                    return false; // used as a delegate: it can run without any lock
                }

                if (facts.LocksAt(call).Count == 0
                    && !(OperationTree.BodyOf(call) is null && model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken) is IMethodSymbol caller
                         && !SymbolEqualityComparer.Default.Equals(caller, method)
                         && EveryCallHoldsLock(caller, model, facts, depth + 1, cancellationToken)))
                {
                    return false;
                }

                calls++;
            }
        }

        return calls > 0;
    }

#pragma warning disable RS1030 // A private method's calls can be in another part of its type; the driver's semantic-model cache serves these.
    internal static SemanticModel ModelOf(Compilation compilation, SyntaxTree tree) => compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
}
