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
/// <see cref="MethodSummary.Synchronization"/> needs a <c>lock</c> or a call named like a synchronization member, and
/// an <c>Interlocked</c> or <c>Volatile</c> member called through a receiver that may name one of those types; a
/// <see cref="MethodSummary.DelegateTargets"/> entry needs a name of one of the type's methods that is not called;
/// deferred accesses need a lambda, anonymous method or local function, or a call of an own async method that is not
/// awaited: <see cref="ConcurrentEntryFinder.StartsOwnAsyncMethod"/>). A method with none of them is bound only if
/// it is an entry callers call, or when a composed call reaches it.
/// </remarks>
internal readonly struct MethodSyntaxFacts
{
    /// <summary>
    /// Members of <c>Interlocked</c> and <c>Volatile</c> whose calls count as synchronization (see MethodSummaryBuilder):
    /// any member that takes a field. They are static, so a call is theirs only through the type's name, an alias of
    /// it or a <c>using static</c>; common names such as <c>list.Add</c> or <c>writer.Write</c> are not.
    /// </summary>
    private static readonly HashSet<string> AtomicCalls = new(StringComparer.Ordinal)
    {
        "Add", "And", "CompareExchange", "Decrement", "Exchange", "Increment", "Or", "Read", "Write", "MemoryBarrier",
        "MemoryBarrierProcessWide", "ReadBarrier", "WriteBarrier",
    };

    /// <summary>
    /// The words without which a declaration can hold no synchronization (besides the type's own method names, which
    /// the caller adds): the <c>lock</c> keyword and the names of <see cref="AtomicCalls"/> and <see cref="RegionCalls"/>.
    /// </summary>
    public static IEnumerable<string> Words => AtomicCalls.Concat(RegionCalls).Append("lock");

    /// <summary>Whether a method declaration is private (no access modifier, or <c>private</c>): its calls are all in its type.</summary>
    public static bool IsPrivate(MethodDeclarationSyntax method)
        => !method.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword));

    /// <summary>The acquires of <c>Monitor</c>, <c>SemaphoreSlim</c>, <c>ReaderWriterLockSlim</c>, <c>Lock</c>, <c>SpinLock</c> and <c>Mutex</c>.</summary>
    private static readonly HashSet<string> RegionCalls = new(StringComparer.Ordinal)
    {
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

    /// <summary>Whether a constructor or destructor has code it defers (a lambda, an anonymous method, a local
    /// function); read only for those, and not always computed for other methods.</summary>
    public bool HasDeferredCode { get; }

    /// <summary>Whether the summary can matter without the method being reached by a call or being an entry.</summary>
    public bool MattersUnreached => !Known || MaySynchronize || MayReferenceOwnMethod;

    /// <summary>
    /// Reads the declarations of <paramref name="method"/>; <paramref name="ownMethodNames"/> are the names of its
    /// type's methods, <paramref name="mayDenoteOwnType"/> tells whether the receiver of <c>X.M</c> may be the type
    /// itself (or one deriving from it), so that <c>X.M</c> may be one of its static methods, and
    /// <paramref name="mayDenoteAtomicType"/> whether a receiver whose last name is neither <c>Interlocked</c> nor
    /// <c>Volatile</c> may still be one of them (an alias).
    /// </summary>
    /// <remarks>
    /// <paramref name="wordsIn"/> tells where a declaration's text holds one of <see cref="Words"/> or an own method's
    /// name (null when it cannot tell): only the tokens there are read, since nothing else in the declaration can
    /// synchronize or name an own method. A constructor or destructor is walked whole, for its deferred code, which
    /// only a walk finds.
    /// </remarks>
    public static MethodSyntaxFacts Of(IMethodSymbol method, HashSet<string> ownMethodNames, Func<ExpressionSyntax, bool> mayDenoteOwnType, Func<ExpressionSyntax, bool> mayDenoteAtomicType, Func<SyntaxReference, ArraySegment<int>?> wordsIn, CancellationToken cancellationToken)
    {
        bool maySynchronize = false, mayReference = false, deferred = false;
        var needsDeferred = method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (syntax is not (BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax))
            {
                return new MethodSyntaxFacts(known: false, true, true, true);
            }

            var words = needsDeferred ? null : wordsIn(reference);
            var nodes = words is { } positions ? NamesAt(syntax, positions) : syntax.DescendantNodes();
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case LockStatementSyntax:
                        maySynchronize = true;
                        break;
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        deferred = true;
                        break;
                    case InvocationExpressionSyntax call when needsDeferred && !deferred && ConcurrentEntryFinder.StartsOwnAsyncMethod(call):
                        deferred = true; // an own async method started and not awaited goes on later
                        break;
                    case SimpleNameSyntax name when ownMethodNames.Contains(name.Identifier.ValueText):
                        // Once a fact is known, its (perhaps binding) test is not run again.
                        mayReference = mayReference || (!IsCalled(name) && MayBeOwnMember(name, mayDenoteOwnType));
                        // 'Write(…)' unqualified calls the type's own Write: a simple name binds in the first scope
                        // that declares it, so no 'using static Volatile' can make it Volatile.Write.
                        maySynchronize = maySynchronize || (!IsUnqualifiedCall(name) && MayCallSynchronization(name, mayDenoteAtomicType));
                        break;
                    case SimpleNameSyntax name when !maySynchronize && MayCallSynchronization(name, mayDenoteAtomicType):
                        maySynchronize = true;
                        break;
                }
            }
        }

        return new MethodSyntaxFacts(known: true, maySynchronize, mayReference, deferred);
    }

    /// <summary>
    /// The nodes of <paramref name="declaration"/> whose token holds one of <paramref name="positions"/> (a word in a
    /// comment holds none): the names and <c>lock</c> statements a walk of every node would test, and others that
    /// the tests do not keep.
    /// </summary>
    private static IEnumerable<SyntaxNode> NamesAt(SyntaxNode declaration, ArraySegment<int> positions)
    {
        for (var i = positions.Offset; i < positions.Offset + positions.Count; i++)
        {
            var token = declaration.FindToken(positions.Array![i]);
            if (token.Parent is { } parent && parent != declaration && token.Span.Contains(positions.Array[i]))
            {
                yield return parent;
            }
        }
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

    /// <summary>
    /// Whether the name may be a call that synchronizes: an acquire by name (its receiver is a value whose type only
    /// binding tells), or a member of <c>Interlocked</c>/<c>Volatile</c> called unqualified (a <c>using static</c>) or
    /// on a receiver that may denote one of those types. <c>x?.Add(…)</c> is a value's member, never theirs.
    /// </summary>
    private static bool MayCallSynchronization(SimpleNameSyntax name, Func<ExpressionSyntax, bool> mayDenoteAtomicType)
    {
        var text = name.Identifier.ValueText;
        if (RegionCalls.Contains(text))
        {
            return IsCalled(name);
        }

        if (!AtomicCalls.Contains(text) || !IsCalled(name) || name.Parent is MemberBindingExpressionSyntax)
        {
            return false;
        }

        if (name.Parent is not MemberAccessExpressionSyntax access || access.Name != name)
        {
            return true;
        }

        var last = LastName(access.Expression);
        return last is "Interlocked" or "Volatile" || (last is not null && mayDenoteAtomicType(access.Expression));
    }

    /// <summary>The one expression a method returns: its expression body, or a body that is one <c>return</c>.</summary>
    internal static ExpressionSyntax? ReturnedExpression(MethodDeclarationSyntax method) => method switch
    {
        { ExpressionBody: { } arrow } => arrow.Expression,
        { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } returned } => returned,
        _ => null,
    };

    /// <summary>The lambda, local function or member whose code <paramref name="node"/> is: the code in it runs in order.</summary>
    internal static SyntaxNode? FunctionOf(SyntaxNode node)
        => node.Ancestors().FirstOrDefault(static a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax);

    /// <summary>
    /// The name a receiver ends with, when it is a name or a member access of names ('Interlocked' in
    /// 'System.Threading.Interlocked' or 'global::System.Threading.Interlocked'); null for a call's result, an
    /// element, 'this' or a generic name: a value or another type.
    /// </summary>
    internal static string? LastName(ExpressionSyntax receiver) => receiver switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Whether the name is called without a receiver: <c>M(…)</c>.</summary>
    private static bool IsUnqualifiedCall(SimpleNameSyntax name)
        => name.Parent is InvocationExpressionSyntax invocation && invocation.Expression == name;

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
