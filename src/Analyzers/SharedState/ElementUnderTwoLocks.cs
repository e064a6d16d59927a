using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A member of the objects a type keeps, written under a lock on the object itself in one member and under the type's
/// own lock, or under no lock at all (<see cref="ReportUnlocked"/>), in another (FL1003):
/// <code>
/// public bool Confirm(string id)
/// {
///     PlotHold? hold;
///     lock (_sync) { _holds.TryGetValue(id, out hold); }
///     lock (hold)                                     // the hold's own lock
///     {
///         if (hold.Status != HoldStatus.Pending) return false;
///         hold.Status = HoldStatus.Confirmed;
///     }
/// }
///
/// private void SweepExpired()                         // the sweep timer
/// {
///     lock (_sync)                                    // the book's lock: it does not exclude Confirm
///     {
///         foreach (var hold in _holds.Values)
///             if (hold.Status == HoldStatus.Pending &amp;&amp; hold.ExpiresUtc &lt;= now) hold.Status = HoldStatus.Expired;
///     }
/// }
/// </code>
/// </summary>
/// <remarks>
/// <para>Each side holds a lock, so each looks synchronized, but the two locks are different objects: the hold is
/// confirmed and expired at once (set bb R05; set v R03, a bid placed under <c>Monitor.Enter(lot)</c> and withdrawn
/// under the sale room's lock). The model's guards are the type's own fields; the members of the objects it keeps in a
/// collection are another object's state, locked through a local.</para>
/// <para>Reported once per member of the kept type, at a write on the side whose lock guards fewer of the type's
/// accesses to that member (the type's own lock when they are even), when all of these hold: the member is a field or
/// an auto-property of a class of this compilation, not the type itself; it is written through a local, parameter or
/// loop variable inside <c>lock (x)</c> (or <c>Monitor.Enter(x)</c> released in a <c>finally</c>) on that same
/// variable, holding no lock of the type's own; and written in another member through such a variable inside
/// <c>lock (_field)</c> on a field of the type, without a lock on the object. Objects the member creates itself
/// (<c>var hold = new PlotHold(…)</c>, a clone) are its own until published and are left out, as are constructors and the
/// bodies of lambdas (a lock outside a lambda is not held when it runs).</para>
/// </remarks>
internal static class ElementUnderTwoLocks
{
    private static readonly string[] LockWords = ["lock", "Enter"];

    /// <summary>Whether <paramref name="text"/> can hold a <c>lock</c> statement or a <c>Monitor.Enter</c> call.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text) => SourceWords.Any(text, LockWords);

    /// <summary>Adds a finding for each such member in <paramref name="semanticModel"/>'s tree.</summary>
    /// <remarks>
    /// The classes to look at are found at the words' places in the text (a <c>lock</c> keyword, an <c>Enter</c> of
    /// <c>Monitor</c>), not by a walk of every class's nodes: most files that lock only lock fields.
    /// </remarks>
    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        var positions = SourceWords.Positions(semanticModel.SyntaxTree.GetText(cancellationToken), LockWords);
        if (positions is null)
        {
            // A Unicode escape can spell the words anywhere: every class is walked.
            foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is ClassDeclarationSyntax type && LocksAVariable(type))
                {
                    FindIn(type, semanticModel, findings, cancellationToken);
                }
            }

            return;
        }

        var types = new List<ClassDeclarationSyntax>();
        foreach (var at in positions)
        {
            var token = root.FindToken(at);
            if (VariableLocked(token.Parent) is { } locked
                && token.Parent!.FirstAncestorOrSelf<ClassDeclarationSyntax>() is { } type && !types.Contains(type) && !FieldNames(type).Contains(locked))
            {
                types.Add(type);
            }
        }

        foreach (var type in types)
        {
            FindIn(type, semanticModel, findings, cancellationToken);
        }
    }

    /// <summary>The name a <c>lock (name)</c> or <c>Monitor.Enter(name, …)</c> locks, from the keyword's or the method name's parent; null otherwise.</summary>
    private static string? VariableLocked(SyntaxNode? node) => node switch
    {
        LockStatementSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var name } } => name,

        // 'lock (bucket.Gate)': a lock object the kept object carries is its lock too.
        LockStatementSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var holder } } } => holder,
        IdentifierNameSyntax { Identifier.ValueText: "Enter", Parent: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Monitor" }, Parent: InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } } }
            => arguments[0].Expression is IdentifierNameSyntax { Identifier.ValueText: var entered } ? entered : null,
        _ => null,
    };

    private static HashSet<string> FieldNames(ClassDeclarationSyntax type)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in type.Members)
        {
            if (member is BaseFieldDeclarationSyntax field)
            {
                foreach (var declarator in field.Declaration.Variables)
                {
                    fields.Add(declarator.Identifier.ValueText);
                }
            }
        }

        return fields;
    }

    /// <summary>One access of a member of a kept object: where, whether it writes, and the locks its member holds there.</summary>
    private sealed class Access(MemberAccessExpressionSyntax node, MemberDeclarationSyntax member, bool writes, bool objectLocked, string? ownLock)
    {
        /// <summary>Held under no lock at all (a write only, see <see cref="UnlockedWriteOf"/>).</summary>
        public bool Unlocked => !ObjectLocked && OwnLock is null;

        public MemberAccessExpressionSyntax Node { get; } = node;
        public MemberDeclarationSyntax Member { get; } = member;
        public bool Writes { get; } = writes;
        public bool ObjectLocked { get; } = objectLocked;
        public string? OwnLock { get; } = ownLock;
    }

    private static void FindIn(ClassDeclarationSyntax type, SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        if (semanticModel.GetDeclaredSymbol(type, cancellationToken) is not { } typeSymbol)
        {
            return;
        }

        var ownFields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in typeSymbol.GetMembers())
        {
            if (member is IFieldSymbol { IsImplicitlyDeclared: false } field)
            {
                ownFields.Add(field.Name);
            }
        }

        var accesses = new Dictionary<ISymbol, List<Access>>(SymbolEqualityComparer.Default);
        foreach (var access in type.DescendantNodes().OfType<MemberAccessExpressionSyntax>())
        {
            if (access.Expression is not IdentifierNameSyntax { Identifier.ValueText: var variable } || ownFields.Contains(variable)
                || access.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member || member.Parent != type || member is ConstructorDeclarationSyntax)
            {
                continue;
            }

            var (objectLocked, ownLock) = LocksHeld(access, member, variable, ownFields);
            if (!objectLocked && ownLock is null && !UnlockedWriteOf(access, member, type))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var holder = semanticModel.GetSymbolInfo(access.Expression, cancellationToken).Symbol;
            if (holder is not (ILocalSymbol or IParameterSymbol)
                || (!objectLocked && ownLock is null && holder is not ILocalSymbol)
                || semanticModel.GetSymbolInfo(access, cancellationToken).Symbol is not { IsStatic: false } state
                || !IsPlainState(state)
                || state.ContainingType is not { TypeKind: TypeKind.Class } kept || !kept.Locations.Any(static location => location.IsInSource)
                || SymbolEqualityComparer.Default.Equals(kept.OriginalDefinition, typeSymbol.OriginalDefinition)
                || OtherInstanceUnderOwnLock.CreatesItself(member, variable))
            {
                continue;
            }

            if (!accesses.TryGetValue(state, out var list))
            {
                accesses[state] = list = new List<Access>();
            }

            list.Add(new Access(access, member, OtherInstanceUnderOwnLock.IsStoredTo(access), objectLocked, ownLock));
        }

        foreach (var pair in accesses)
        {
            Report(pair.Key, pair.Value, semanticModel, findings, cancellationToken);
        }
    }

    private static void Report(ISymbol state, List<Access> accesses, SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        // The object's own lock, held without any lock of the type; the type's lock, held without the object's.
        var underObject = accesses.Where(static access => access.ObjectLocked && access.OwnLock is null).ToList();
        var underOwn = accesses.Where(static access => !access.ObjectLocked && access.OwnLock is not null).ToList();
        // A write under the type's lock, and one under the object's lock in another member.
        var ownWrite = underOwn.FirstOrDefault(own => own.Writes && underObject.Any(other => other.Writes && other.Member != own.Member));
        if (ownWrite is null)
        {
            ReportUnlocked(state, accesses, underObject, semanticModel, findings, cancellationToken);
            return;
        }

        var objectWrite = underObject.First(other => other.Writes && other.Member != ownWrite.Member);
        var total = accesses.Count(static access => access.ObjectLocked || access.OwnLock is not null);
        var ownLock = ownWrite.OwnLock!;
        string Places(List<Access> side) => string.Join(", ", side.Select(access => $"'{NameOf(access.Member, semanticModel, cancellationToken)}'").Distinct());
        var variable = ((IdentifierNameSyntax)objectWrite.Node.Expression).Identifier.ValueText;
        var ownVariable = ((IdentifierNameSyntax)ownWrite.Node.Expression).Identifier.ValueText;
        var kept = state.ContainingType.Name;
        if (underObject.Count > underOwn.Count)
        {
            // Most accesses lock the object: the write under the type's lock is the odd one.
            var member = NameOf(ownWrite.Member, semanticModel, cancellationToken);
            findings.Add(DiagnosticIds.InconsistentSynchronization, ownWrite.Node.GetLocation(), objectWrite.Node.GetLocation(), state, lockName: null,
                [$"{ownVariable}.{state.Name}", "written", $"{ownVariable}", $"in {Places(underObject)} (a lock on the '{kept}' itself, {underObject.Count} of {total} accesses)",
                 $"'{member}' holds '{ownLock}' instead, which those members do not take, so both change the same '{kept}' at once"]);
        }
        else
        {
            var member = NameOf(objectWrite.Member, semanticModel, cancellationToken);
            findings.Add(DiagnosticIds.InconsistentSynchronization, objectWrite.Node.GetLocation(), ownWrite.Node.GetLocation(), state, lockName: null,
                [$"{variable}.{state.Name}", "written", ownLock, $"in {Places(underOwn)} ({underOwn.Count} of {total} accesses)",
                 $"'{member}' locks the '{kept}' itself instead, which those members do not, so both change it at once"]);
        }
    }

    /// <summary>
    /// A write with no lock at all, in a member that does not lock the object anywhere, beside a member that writes it
    /// under a lock on the object (set bl R07: a quota window reset by a timer, <c>foreach (var bucket in
    /// _buckets.Values) bucket.Used = 0;</c>, while requests count under <c>lock (bucket.Gate)</c>): the lock says the
    /// objects are changed by several threads, and the reset takes no part in it. Reported when the object's lock holds
    /// at least two of the accesses.
    /// </summary>
    private static void ReportUnlocked(ISymbol state, List<Access> accesses, List<Access> underObject, SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var unlocked = accesses.FirstOrDefault(access => access.Unlocked && access.Writes
                                                         && underObject.Any(other => other.Writes && other.Member != access.Member)
                                                         && !underObject.Any(other => other.Member == access.Member));
        if (unlocked is null || underObject.Count < 2)
        {
            return;
        }

        var lockedWrite = underObject.First(other => other.Writes && other.Member != unlocked.Member);
        var guard = LockedExpression(lockedWrite.Node) ?? ((IdentifierNameSyntax)lockedWrite.Node.Expression).Identifier.ValueText;
        var variable = ((IdentifierNameSyntax)unlocked.Node.Expression).Identifier.ValueText;
        var lockedVariable = ((IdentifierNameSyntax)lockedWrite.Node.Expression).Identifier.ValueText;
        var guardHere = guard.StartsWith(lockedVariable + ".", StringComparison.Ordinal) ? variable + guard.Substring(lockedVariable.Length) : variable;
        var locked = accesses.Count(static access => access.ObjectLocked);
        var places = string.Join(", ", underObject.Select(access => $"'{NameOf(access.Member, semanticModel, cancellationToken)}'").Distinct());
        var member = NameOf(unlocked.Member, semanticModel, cancellationToken);
        findings.Add(DiagnosticIds.InconsistentSynchronization, unlocked.Node.GetLocation(), lockedWrite.Node.GetLocation(), state, lockName: null,
            [$"{variable}.{state.Name}", "written", guardHere, $"in {places} ({locked} of {accesses.Count} accesses)",
             $"'{member}' takes no lock, so it changes the same '{state.ContainingType.Name}' while they do"]);
    }

    /// <summary>The text of the innermost <c>lock (…)</c> expression around <paramref name="access"/> in its member.</summary>
    private static string? LockedExpression(SyntaxNode access)
    {
        foreach (var ancestor in access.Ancestors())
        {
            if (ancestor is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return null;
            }

            if (ancestor is LockStatementSyntax { Statement: var body, Expression: var locked } && body.Span.Contains(access.Span))
            {
                return locked.ToString();
            }
        }

        return null;
    }

    /// <summary>
    /// Syntax first: a store into a member of a local (<c>bucket.Used = 0</c>) outside any lock and lambda, in a member
    /// that is not a disposal, and, for a private method, one that no caller in the type calls under a lock (a helper
    /// run under its caller's <c>lock (entry)</c> holds it).
    /// </summary>
    private static bool UnlockedWriteOf(MemberAccessExpressionSyntax access, MemberDeclarationSyntax member, ClassDeclarationSyntax type)
    {
        if (!OtherInstanceUnderOwnLock.IsStoredTo(access)
            || member is not MethodDeclarationSyntax { Identifier.ValueText: var name } method
            || name is "Dispose" or "DisposeAsync"
            || access.Ancestors().TakeWhile(ancestor => ancestor != member).Any(static ancestor => ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or LockStatementSyntax))
        {
            return false;
        }

        if (!MethodSyntaxFacts.IsPrivate(method))
        {
            return true;
        }

        foreach (var token in SourceWords.IdentifiersNamed(type, name))
        {
            if (token.Parent is IdentifierNameSyntax { Parent: InvocationExpressionSyntax or MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } } called
                && called.Ancestors().Any(static ancestor => ancestor is LockStatementSyntax or TryStatementSyntax { Finally: not null }))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A field that is not read-only, or an auto-property that can be set after construction.</summary>
    private static bool IsPlainState(ISymbol state) => state switch
    {
        IFieldSymbol field => !field.IsReadOnly && !field.IsConst,
        IPropertySymbol { SetMethod: { IsInitOnly: false } setter } property => setter.IsImplicitlyDeclared || IsAutoProperty(property),
        _ => false,
    };

    private static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (var member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol { IsImplicitlyDeclared: true } field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="access"/> is held under a lock on <paramref name="variable"/> (or on something reached
    /// from it), and the name of a field of the type it is held under, within its member and outside any lambda.
    /// </summary>
    private static (bool ObjectLocked, string? OwnLock) LocksHeld(SyntaxNode access, MemberDeclarationSyntax member, string variable, HashSet<string> ownFields)
    {
        var objectLocked = false;
        string? ownLock = null;
        foreach (var ancestor in access.Ancestors())
        {
            if (ancestor == member || ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                break;
            }

            ExpressionSyntax? locked = ancestor switch
            {
                LockStatementSyntax { Statement: var body } statement when body.Span.Contains(access.Span) => statement.Expression,
                TryStatementSyntax { Block: var block, Finally.Block: var final } when block.Span.Contains(access.Span) => MonitorExitOf(final),
                _ => null,
            };
            switch (Root(locked))
            {
                case { } root when root == variable:
                    objectLocked = true;
                    break;
                case { } root when ownFields.Contains(root) && locked is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }:
                    ownLock ??= root;
                    break;
            }
        }

        return (objectLocked, ownLock);
    }

    /// <summary>The argument of a <c>Monitor.Exit(x)</c> statement of a <c>finally</c> block.</summary>
    private static ExpressionSyntax? MonitorExitOf(BlockSyntax final)
    {
        foreach (var statement in final.Statements)
        {
            if (statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Monitor" }, Name.Identifier.ValueText: "Exit" }, ArgumentList.Arguments: { Count: 1 } arguments } })
            {
                return arguments[0].Expression;
            }
        }

        return null;
    }

    /// <summary>The leftmost name of <c>x</c>, <c>x.Sync</c>, <c>this._sync</c> (<c>_sync</c>).</summary>
    private static string? Root(ExpressionSyntax? expression) => expression switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: var inner } => Root(inner),
        _ => null,
    };

    /// <summary>Syntax only: whether the type locks a name that is not one of its fields' (<c>lock (hold)</c>, <c>Monitor.Enter(lot)</c>).</summary>
    private static bool LocksAVariable(ClassDeclarationSyntax type)
    {
        var fields = FieldNames(type);
        foreach (var node in type.DescendantNodes())
        {
            var locked = node switch
            {
                LockStatementSyntax => VariableLocked(node),
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: var name } } => VariableLocked(name),
                _ => null,
            };
            if (locked is not null && !fields.Contains(locked))
            {
                return true;
            }
        }

        return false;
    }

    private static string NameOf(MemberDeclarationSyntax member, SemanticModel semanticModel, CancellationToken cancellationToken)
        => semanticModel.GetDeclaredSymbol(member, cancellationToken)?.Name ?? "this member";
}
