using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// What a method's syntax says about the parts of its <see cref="MethodSummary"/> that matter before it is reached
/// through a call, so that <see cref="TypeConcurrency"/> binds a body only when its summary can change a verdict.
/// </summary>
/// <remarks>
/// Each fact over-approximates by name: a method without the syntax cannot have the summary part (a
/// <see cref="MethodSummary.Synchronization"/> needs a <c>lock</c> or a call named like a synchronization member; a
/// <see cref="MethodSummary.DelegateTargets"/> entry needs a name of one of the type's methods that is not called;
/// deferred accesses need a lambda, anonymous method or local function). A method with none of them is bound only if
/// it is an entry callers call, or when a composed call reaches it.
/// </remarks>
internal readonly struct MethodSyntaxFacts
{
    /// <summary>Members of <c>Interlocked</c>, <c>Volatile</c> and the lock types whose calls count as synchronization (see MethodSummaryBuilder).</summary>
    private static readonly HashSet<string> SynchronizationCalls = new(StringComparer.Ordinal)
    {
        // Interlocked and Volatile: any member that takes a field.
        "Add", "And", "CompareExchange", "Decrement", "Exchange", "Increment", "Or", "Read", "Write", "MemoryBarrier",
        "MemoryBarrierProcessWide", "ReadBarrier", "WriteBarrier",

        // Monitor, SemaphoreSlim, ReaderWriterLockSlim, Lock, SpinLock, Mutex: the acquires.
        "Enter", "TryEnter", "Wait", "WaitAsync", "EnterScope", "EnterWriteLock", "EnterReadLock", "EnterUpgradeableReadLock",
        "TryEnterWriteLock", "TryEnterReadLock", "WaitOne",
    };

    private MethodSyntaxFacts(bool known, bool maySynchronize, bool mayReferenceOwnMethod, bool hasDeferredCode)
    {
        Known = known;
        MaySynchronize = maySynchronize;
        MayReferenceOwnMethod = mayReferenceOwnMethod;
        HasDeferredCode = hasDeferredCode;
    }

    /// <summary>False when the method's declaration is not one whose syntax was read (then every fact is assumed).</summary>
    public bool Known { get; }

    public bool MaySynchronize { get; }

    public bool MayReferenceOwnMethod { get; }

    public bool HasDeferredCode { get; }

    /// <summary>Whether the summary can matter without the method being reached by a call or being an entry.</summary>
    public bool MattersUnreached => !Known || MaySynchronize || MayReferenceOwnMethod;

    /// <summary>
    /// Reads the declarations of <paramref name="method"/>; <paramref name="ownMethodNames"/> are the names of its
    /// type's methods, and <paramref name="mayDenoteOwnType"/> tells whether the receiver of <c>X.M</c> may be the type
    /// itself (or one deriving from it), so that <c>X.M</c> may be one of its static methods.
    /// </summary>
    public static MethodSyntaxFacts Of(IMethodSymbol method, HashSet<string> ownMethodNames, Func<ExpressionSyntax, bool> mayDenoteOwnType, CancellationToken cancellationToken)
    {
        bool maySynchronize = false, mayReference = false, deferred = false;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (syntax is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax))
            {
                return new MethodSyntaxFacts(known: false, true, true, true);
            }

            foreach (var node in syntax.DescendantNodes())
            {
                switch (node)
                {
                    case LockStatementSyntax:
                        maySynchronize = true;
                        break;
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        deferred = true;
                        break;
                    case SimpleNameSyntax name when ownMethodNames.Contains(name.Identifier.ValueText):
                        // Once a fact is known, its (perhaps binding) test is not run again.
                        mayReference = mayReference || (!IsCalled(name) && MayBeOwnMember(name, mayDenoteOwnType));
                        maySynchronize = maySynchronize || (SynchronizationCalls.Contains(name.Identifier.ValueText) && IsCalled(name));
                        break;
                    case SimpleNameSyntax name when SynchronizationCalls.Contains(name.Identifier.ValueText) && IsCalled(name):
                        maySynchronize = true;
                        break;
                }
            }
        }

        return new MethodSyntaxFacts(known: true, maySynchronize, mayReference, deferred);
    }

    /// <summary>
    /// Whether a name that is not called may still be a method group of the type's own method, as the summary's
    /// delegate targets count them (through <c>this</c>, or statically): not when it is another object's member
    /// (<c>LogLevel.Trace</c>, <c>other.Run</c>) or inside <c>nameof</c>.
    /// </summary>
    private static bool MayBeOwnMember(SimpleNameSyntax name, Func<ExpressionSyntax, bool> mayDenoteOwnType)
    {
        if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
        {
            var receiver = access.Expression;
            while (true)
            {
                switch (receiver)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        receiver = parenthesized.Expression;
                        continue;
                    case CastExpressionSyntax cast:
                        receiver = cast.Expression;
                        continue;
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AsExpression):
                        receiver = binary.Left;
                        continue;
                    case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                        receiver = suppressed.Operand;
                        continue;
                }

                break;
            }

            return receiver switch
            {
                ThisExpressionSyntax or BaseExpressionSyntax => true,
                IdentifierNameSyntax or GenericNameSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax or MemberAccessExpressionSyntax => mayDenoteOwnType(receiver),
                _ => false, // a call's or an element's result is never 'this'
            };
        }

        for (var node = name.Parent; node is not null and not StatementSyntax and not MemberDeclarationSyntax; node = node.Parent)
        {
            if (node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })
            {
                return false; // a name, not a reference (unless 'nameof' is a method of the type, which is then called)
            }
        }

        return true;
    }

    /// <summary>Whether the name is what an invocation calls: <c>M(…)</c>, <c>x.M(…)</c>, <c>x?.M(…)</c>.</summary>
    private static bool IsCalled(SimpleNameSyntax name)
    {
        SyntaxNode expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name
            || name.Parent is MemberBindingExpressionSyntax
            ? name.Parent
            : name;
        return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression;
    }
}
