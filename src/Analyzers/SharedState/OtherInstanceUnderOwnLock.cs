using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A field of another object of the same type changed under this object's lock (FL1003):
/// <code>
/// public bool TrySteal(StrandQueue victim, out StrandTask? task)
/// {
///     lock (_sync)                                  // this queue's lock
///     {
///         task = victim._items[victim._head];
///         victim._items[victim._head++] = null;     // victim's owner pushes and pops under victim._sync
///     }
/// }
/// </code>
/// </summary>
/// <remarks>
/// <para>A lock field of an instance guards the fields of that instance. Locks are told apart by field elsewhere in the
/// model, so <c>victim._head</c> under <c>this._sync</c> looked guarded by the same lock as <c>_head</c> in
/// <c>Push</c>; it is not: the victim's owner holds <c>victim._sync</c>, another thief its own queue's (set aw R14, a
/// work-stealing queue).</para>
/// <para>Reported once per member, at its first change of a field of another object when all of these hold: the type locks on
/// an instance field of its own (<c>lock (_sync)</c>), and the other members of the type access that field on their own
/// object mostly under that lock (more than half of their accesses, at least two, constructors left out); the change
/// (a store, <c>++</c>, an element store, or an <c>Add</c>/<c>Remove</c>-like call) is made through a parameter, local
/// or field of the same type, inside <c>lock (_sync)</c> on this object; nothing in the member locks or waits on the
/// other object (<c>lock (other._sync)</c>, <c>Monitor.Enter(other._sync)</c>); and the other object is not one the
/// member creates (<c>var copy = new T()</c>, a clone), which no one else can see yet. Reads are left alone: an
/// <c>Equals(other)</c> or <c>CompareTo(other)</c> under the own lock reads another object's fields in much correct
/// code. No fix is offered: the right lock is the other object's, taken in a fixed order.</para>
/// </remarks>
internal static class OtherInstanceUnderOwnLock
{
    private static readonly string[] LockWord = ["lock"];

    private static readonly HashSet<string> ChangingCalls = new(StringComparer.Ordinal)
    {
        "Add", "AddRange", "Remove", "RemoveAt", "RemoveAll", "Clear", "Insert", "Enqueue", "Dequeue", "Push", "Pop", "TryAdd", "TryRemove", "TryDequeue", "TryPop",
    };

    /// <summary>Whether <paramref name="text"/> can hold a <c>lock</c> statement.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text) => SourceWords.Any(text, LockWord);

    /// <summary>Adds a finding for each such change in <paramref name="semanticModel"/>'s tree.</summary>
    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        foreach (var node in semanticModel.SyntaxTree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is ClassDeclarationSyntax type)
            {
                FindIn(type, semanticModel, findings, cancellationToken);
            }
        }
    }

    private static void FindIn(ClassDeclarationSyntax type, SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var reported = new HashSet<MemberDeclarationSyntax>();
        foreach (var statement in type.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<LockStatementSyntax>())
        {
            if (OwnFieldName(statement.Expression) is not { } lockName || statement.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member || member.Parent != type)
            {
                continue;
            }

            foreach (var access in statement.Statement.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<MemberAccessExpressionSyntax>())
            {
                if (access.Expression is not IdentifierNameSyntax { Identifier.ValueText: var other } || !Changes(access)
                    || reported.Contains(member) || TouchesLocksOf(member, other) || CreatesItself(member, other))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var name = access.Name.Identifier.ValueText;
                if (semanticModel.GetDeclaredSymbol(type, cancellationToken) is not { } typeSymbol
                    || semanticModel.GetSymbolInfo(access, cancellationToken).Symbol is not IFieldSymbol { IsStatic: false, IsConst: false } field
                    || !SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, typeSymbol.OriginalDefinition)
                    || !SymbolEqualityComparer.Default.Equals(semanticModel.GetTypeInfo(access.Expression, cancellationToken).Type?.OriginalDefinition, typeSymbol.OriginalDefinition)
                    || semanticModel.GetSymbolInfo(statement.Expression, cancellationToken).Symbol is not IFieldSymbol { IsStatic: false } lockField
                    || !SymbolEqualityComparer.Default.Equals(lockField.ContainingType.OriginalDefinition, typeSymbol.OriginalDefinition))
                {
                    continue;
                }

                var (guarded, total, places) = OwnAccesses(type, name, lockName);
                if (guarded < 2 || guarded * 2 <= total)
                {
                    continue;
                }

                reported.Add(member);
                var memberName = semanticModel.GetDeclaredSymbol(member, cancellationToken)?.Name ?? "this member";
                findings.Add(DiagnosticIds.InconsistentSynchronization, access.GetLocation(), statement.Expression.GetLocation(), field, lockName: null,
                    [$"{other}.{name}", "changed", $"{other}.{lockName}", $"in {places} ({guarded} of {total} accesses on their own object)",
                     $"'{memberName}' holds its own object's '{lockName}', not '{other}''s, so it runs beside the code that holds '{other}.{lockName}'"]);
            }
        }
    }

    /// <summary><c>_sync</c> or <c>this._sync</c>: the name of a field of the object itself, or null.</summary>
    private static string? OwnFieldName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Whether <paramref name="access"/> (<c>other.f</c>) is changed: stored to, incremented, an element stored, or a changing call on it.</summary>
    private static bool Changes(MemberAccessExpressionSyntax access)
    {
        var parent = access.Parent;
        if (parent is ElementAccessExpressionSyntax element && element.Expression == access)
        {
            return IsStoredTo(element);
        }

        if (parent is MemberAccessExpressionSyntax call && call.Expression == access && call.Parent is InvocationExpressionSyntax invocation && invocation.Expression == call)
        {
            return ChangingCalls.Contains(call.Name.Identifier.ValueText);
        }

        return IsStoredTo(access);
    }

    internal static bool IsStoredTo(ExpressionSyntax target) => target.Parent switch
    {
        AssignmentExpressionSyntax assignment => assignment.Left == target,
        PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } => true,
        ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } => true,
        _ => false,
    };

    /// <summary>Whether <paramref name="member"/> locks or waits on anything reached from <paramref name="other"/> (<c>lock (other._sync)</c>, <c>Monitor.Enter(other._sync)</c>).</summary>
    private static bool TouchesLocksOf(MemberDeclarationSyntax member, string other)
    {
        foreach (var token in SourceWords.IdentifiersNamed(member, other))
        {
            foreach (var ancestor in token.Parent!.Ancestors())
            {
                if (ancestor is StatementSyntax and not LockStatementSyntax)
                {
                    break;
                }

                if (ancestor is LockStatementSyntax { Expression: var locked } && locked.Span.Contains(token.Span)
                    || ancestor is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Enter" or "TryEnter" or "Wait" or "WaitAsync" or "EnterWriteLock" or "EnterReadLock" or "EnterUpgradeableReadLock" } })
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="member"/> gives <paramref name="other"/> an object it creates (<c>var copy = new T()</c>, <c>other = (T)MemberwiseClone()</c>).</summary>
    internal static bool CreatesItself(MemberDeclarationSyntax member, string other)
    {
        foreach (var token in SourceWords.IdentifiersNamed(member, other))
        {
            var value = token.Parent switch
            {
                VariableDeclaratorSyntax { Initializer.Value: var initial } => initial,
                IdentifierNameSyntax { Parent: AssignmentExpressionSyntax { Right: var right } assignment } name when assignment.Left == name => right,
                _ => null,
            };
            while (value is CastExpressionSyntax cast)
            {
                value = cast.Expression;
            }

            if (value is BaseObjectCreationExpressionSyntax || value is InvocationExpressionSyntax { Expression: var callee } && ConcurrentEntryFinder.InvokedName(callee) is "MemberwiseClone" or "Clone")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The accesses of the type's members to field <paramref name="name"/> of their own object (<c>_head</c>,
    /// <c>this._head</c>), constructors left out: how many sit inside <c>lock (lockName)</c>, how many there are, and
    /// the names of the members that hold the lock.
    /// </summary>
    private static (int Guarded, int Total, string Places) OwnAccesses(ClassDeclarationSyntax type, string name, string lockName)
    {
        var guarded = 0;
        var total = 0;
        var places = new List<string>();
        foreach (var token in SourceWords.IdentifiersNamed(type, name))
        {
            if (token.Parent is not IdentifierNameSyntax identifier
                || identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier && access.Expression is not ThisExpressionSyntax
                || identifier.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member || member is ConstructorDeclarationSyntax || member.Parent != type
                || identifier.Parent is VariableDeclaratorSyntax)
            {
                continue;
            }

            total++;
            var held = false;
            foreach (var ancestor in identifier.Ancestors())
            {
                if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax)
                {
                    break;
                }

                if (ancestor is LockStatementSyntax { Expression: var locked, Statement: var body } && body.Span.Contains(identifier.Span) && OwnFieldName(locked) == lockName)
                {
                    held = true;
                    break;
                }
            }

            if (held)
            {
                guarded++;
                var place = member switch
                {
                    MethodDeclarationSyntax method => method.Identifier.ValueText,
                    PropertyDeclarationSyntax property => property.Identifier.ValueText,
                    _ => null,
                };
                if (place is not null && !places.Contains(place))
                {
                    places.Add(place);
                }
            }
        }

        return (guarded, total, string.Join(", ", places.Select(static place => $"'{place}'")));
    }
}
