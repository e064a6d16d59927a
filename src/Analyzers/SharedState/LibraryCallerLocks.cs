using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// The lock that every call of a member holds, when only the library's own code can call it: a public method or
/// getter of an internal type, or of a type in an <c>…Internal</c> namespace (the .NET convention for types that are
/// public only so that the library's other assemblies can reach them), whose every call in the compilation sits in a
/// region of one lock. Such a member never runs beside itself, and its accesses hold that lock as its callers' accesses
/// do (SmartThreadPool's <c>WorkItemsQueue.PushWaiter</c>, called only from <c>DequeueWorkItem</c> inside
/// <c>lock (this)</c>; a child object its owner created and calls only inside the owner's lock; the live key
/// collection of its <c>SynchronizedDictionary</c>, read only inside <c>lock (_workerThreads.SyncRoot)</c>, the
/// dictionary's own lock).
/// </summary>
/// <remarks>
/// The calls are found by the member's name in the files that declare its type (and in at most two other files when
/// the type hands out its own lock, as a <c>SyncRoot</c> property does), and bound one by one, so this is asked only of
/// a type that has something to report; a member whose name more files may hold is not looked into. A getter's read
/// counts as a call when its value is used there and then (a member of it read, passed on, enumerated), not kept,
/// returned or stored. A
/// call from a private method counts when every call of that method holds the lock, a few levels up; a call in the
/// type's own constructor on the object it builds holds nothing and needs nothing. Any other use (a method group, a
/// call inside a lambda, an override or an interface member, which can be reached through the base) gives no lock.
/// Only locks named by a field, a property, or <c>this</c> count: two calls holding locals or helpers' results hold
/// different locks as far as this can tell.
/// </remarks>
internal sealed class LibraryCallerLocks
{
    private const int MaxDepth = 3;

    /// <summary>The most files besides its type's own that may name a member whose calls are looked into.</summary>
    private const int MaxOtherFiles = 2;

    /// <summary>The most places a member's name is bound at before the answer is "no lock".</summary>
    private const int MaxCalls = 12;

    /// <summary>
    /// The most uses of a member's name whose objects' declared types are read (<see cref="OtherReceivers"/>) before
    /// the answer is "it may be called": a common name (<c>Dispose</c>, <c>Add</c>) is not worth reading every member
    /// that uses it for.
    /// </summary>
    private const int MaxOtherReceivers = 32;

    private readonly Compilation _compilation;
    private readonly Func<SyntaxTree, SemanticModel> _semanticModels;
    private readonly SynchronizationFacts _facts;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<IMethodSymbol, HeldLock?> _known = new(SymbolEqualityComparer.Default);

    public LibraryCallerLocks(Compilation compilation, Func<SyntaxTree, SemanticModel> semanticModels, SynchronizationFacts facts, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _semanticModels = semanticModels;
        _facts = facts;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The lock every call of <paramref name="method"/> holds, or null.</summary>
    public HeldLock? HeldAtEveryCall(IMethodSymbol method) => HeldAtEveryCall(method, depth: 0);

    /// <summary>
    /// Whether code outside the assembly cannot call <paramref name="method"/>: it or a type around it is not public,
    /// or the type is in a namespace one of whose names is <c>Internal</c>.
    /// </summary>
    public static bool OnlyLibraryCalls(IMethodSymbol method)
    {
        for (ISymbol? current = method; current is IMethodSymbol or INamedTypeSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return true;
            }
        }

        for (var space = method.ContainingNamespace; space is { IsGlobalNamespace: false }; space = space.ContainingNamespace)
        {
            if (space.Name == "Internal")
            {
                return true;
            }
        }

        return false;
    }

    private HeldLock? HeldAtEveryCall(IMethodSymbol method, int depth)
    {
        method = method.OriginalDefinition;
        if (_known.TryGetValue(method, out var known))
        {
            return known;
        }

        _known[method] = null; // a call cycle holds nothing it does not hold already
        var held = depth < MaxDepth && Callable(method) ? Find(method, depth) : null;
        _known[method] = held;
        return held;
    }

    private static bool Callable(IMethodSymbol method)
        => method is { MethodKind: MethodKind.Ordinary or MethodKind.PropertyGet, IsOverride: false, IsAbstract: false, IsVirtual: false, ExplicitInterfaceImplementations.IsEmpty: true }
           && method.AssociatedSymbol is null or IPropertySymbol { IsIndexer: false }
           && (method.DeclaredAccessibility == Accessibility.Private || OnlyLibraryCalls(method))
           && !ImplementsInterface(method);

    /// <summary>
    /// Whether nothing in this build can run <paramref name="method"/>: only the library's code can call it (and no
    /// friend assembly but its tests), it carries no attribute a framework could call it by, and no name in the
    /// compilation's code is its name (any use of the name counts as a call, unless the syntax shows it is made on an
    /// object that cannot be of the method's type: <see cref="OtherReceivers"/>), nor does a string spell it for
    /// reflection. Castle.Core's <c>AddOrUpdateWithoutTakingLock</c> is called only in code compiled for
    /// .NET Framework (<c>#if FEATURE_SERIALIZATION</c>): in the other builds it never runs beside anything.
    /// </summary>
    /// <remarks>
    /// Syntax only, so that an edit in an editor does not bind other files: binding each use of the name, to tell
    /// SSH.NET's uncalled <c>SshMessageFactory.Reset</c> from the other <c>Reset</c> methods it calls, put an edit of
    /// NLog's <c>AsyncOperationCounter.cs</c> at 8x the compiler instead of 1.5x. The receivers' declared types are
    /// read from the files' syntax instead. Asked only of the entries a report
    /// was reached from; a Unicode escape that could spell the name anywhere answers "it may be called".
    /// </remarks>
    public bool NeverCalled(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        var called = Called(method);
        if (!Callable(method) || !HiddenFromOtherAssemblies(method) || !method.GetAttributes().IsEmpty || !called.GetAttributes().IsEmpty
            || (called.DeclaredAccessibility != Accessibility.Private && HasFriendBesideTests()))
        {
            return false;
        }

        var examined = 0;
        foreach (var tree in _compilation.SyntaxTrees)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var text = SourceWords.TextOf(tree.GetText(_cancellationToken));
            if (!SourceWords.MayHold(text, called.Name))
            {
                continue;
            }

            if (SourceWords.HasUnicodeEscape(text))
            {
                return false;
            }

            var root = tree.GetRoot(_cancellationToken);
            foreach (var at in SourceWords.Occurrences(text, [called.Name]))
            {
                var token = root.FindToken(at);
                if (token.ValueText != called.Name)
                {
                    continue; // in a comment, in code a preprocessor symbol leaves out, or inside a longer string
                }

                if (token.Parent is SimpleNameSyntax use && ReferenceEquals(called, method) && ++examined <= MaxOtherReceivers
                    && OtherReceivers.CannotCall(use, method, _compilation))
                {
                    continue; // a call on an object that cannot be one of the method's type
                }

                if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is SimpleNameSyntax)
                {
                    return false; // a use of the name, or a string that spells it exactly, as reflection would
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Whether no other assembly can call <paramref name="method"/>: it or a type around it is private or internal (a
    /// public type in an <c>…Internal</c> namespace is reached by the library's other assemblies, unlike in
    /// <see cref="OnlyLibraryCalls"/>).
    /// </summary>
    private static bool HiddenFromOtherAssemblies(IMethodSymbol method)
    {
        for (ISymbol? current = method; current is IMethodSymbol or INamedTypeSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the assembly shows its internals to an assembly other than its tests and mocks (<c>InternalsVisibleTo</c>
    /// naming neither a test, a benchmark nor a proxy generator), whose calls this build cannot see.
    /// </summary>
    private bool HasFriendBesideTests()
    {
        foreach (var attribute in _compilation.Assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "InternalsVisibleToAttribute"
                && (attribute.ConstructorArguments.FirstOrDefault().Value is not string friend
                    || !(friend.IndexOf("Test", StringComparison.OrdinalIgnoreCase) >= 0 || friend.IndexOf("Benchmark", StringComparison.OrdinalIgnoreCase) >= 0
                         || friend.StartsWith("DynamicProxyGenAssembly2", StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The symbol a call names: the method, or the property of a getter.</summary>
    private static ISymbol Called(IMethodSymbol method) => method.AssociatedSymbol ?? method;

    private static bool ImplementsInterface(IMethodSymbol method)
    {
        foreach (var contract in method.ContainingType.AllInterfaces)
        {
            foreach (var member in contract.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private HeldLock? Find(IMethodSymbol method, int depth)
    {
        // Calls are bound in the files that declare the callee's type; in at most a few others only when the type hands
        // out its own lock for its callers to take (a 'SyncRoot'). When more files may name the member, the answer is
        // "no lock" at once: binding calls across the compilation costs an editor more than a keystroke is worth
        // (NLog's AsyncOperationCounter, called from its targets' files, went from 1.65x to 2.65x the compiler).
        var called = Called(method);
        var files = method.ContainingType.DeclaringSyntaxReferences.Select(reference => reference.SyntaxTree).Distinct().ToList();
        if (called.DeclaredAccessibility != Accessibility.Private)
        {
            var own = files.Count;
            var handsOutLock = HandsOutOwnLock(method.ContainingType);
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if (!files.Contains(tree) && SourceWords.MayHold(SourceWords.TextOf(tree.GetText(_cancellationToken)), called.Name))
                {
                    // A few other files are read when the type hands out its lock, or when every use of the name there
                    // is a call made inside a lock on the object it is called on (read from syntax alone first).
                    if (files.Count - own == MaxOtherFiles || !(handsOutLock || EveryUseLocksItsReceiver(tree, called.Name)))
                    {
                        return null;
                    }

                    files.Add(tree);
                }
            }
        }

        List<HeldLock>? common = null;
        var candidates = 0;
        foreach (var tree in files)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (!SourceWords.MayHold(SourceWords.TextOf(tree.GetText(_cancellationToken)), called.Name))
            {
                continue;
            }

            var model = _semanticModels(tree);
            foreach (var token in SourceWords.IdentifiersNamed(tree.GetRoot(_cancellationToken), called.Name))
            {
                if (++candidates > MaxCalls)
                {
                    return null; // called from many places (or a common name): binding them all costs more than it can save
                }

                if (token.Parent is not SimpleNameSyntax name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, _cancellationToken).Symbol?.OriginalDefinition, called.OriginalDefinition))
                {
                    continue;
                }

                ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                if (CallAt(callee, method, model) is not var (call, instance)
                    || OperationTree.BodyOf(call) is not null
                    || model.GetEnclosingSymbol(callee.SpanStart, _cancellationToken) is not IMethodSymbol caller)
                {
                    return null; // a method group, a store, or a call that can run later or elsewhere
                }

                if (caller.MethodKind == MethodKind.Constructor && instance is IInstanceReferenceOperation
                    && SymbolEqualityComparer.Default.Equals(caller.ContainingType.OriginalDefinition, method.ContainingType.OriginalDefinition))
                {
                    continue; // the constructor readies its own object before anyone else can call on it
                }

                // An instance lock serializes the calls on one object only when each object is called by its own
                // holder: the caller's own object, or one the caller created and keeps in a field (not a shared one
                // it was handed, as a scope's owner is: each scope's gate is its own).
                var sameObject = !method.IsStatic && ReachesOwnOrOwnedObject(instance, caller);
                var here = Known(_facts.LocksAt(call, caller.ContainingType), caller, callee, instance, model).FindAll(held => IsStatic(held) || sameObject);
                if (!method.IsStatic && LocksReceiver(callee, instance, model))
                {
                    // 'lock (offsets) { offsets.TryDequeue(c); }': the caller holds the monitor of the object it calls,
                    // as 'lock (this)' in the callee would.
                    here.Add(new HeldLock(method.ContainingType.OriginalDefinition, allowsWrites: true, method.ContainingType.OriginalDefinition));
                }
                if (here.Count == 0 && !SymbolEqualityComparer.Default.Equals(caller.OriginalDefinition, method)
                    && HeldAtEveryCall(caller, depth + 1) is { } inherited && (IsStatic(inherited) || sameObject))
                {
                    here.Add(inherited);
                }

                common = common is null ? here : common.FindAll(one => here.Exists(other => SymbolEqualityComparer.Default.Equals(one.Symbol, other.Symbol)));
                if (common.Count == 0)
                {
                    return null;
                }
            }
        }

        return common?.FirstOrDefault();
    }

    /// <summary>
    /// The call of <paramref name="method"/> that <paramref name="callee"/> names, with the object it is made on: an
    /// invocation of the method, or a read of the getter's property whose value is used there and then (a member of it
    /// read, passed on, enumerated), not kept where it can outlive the caller's lock. Null for any other use.
    /// </summary>
    private (IOperation Call, IOperation? Instance)? CallAt(ExpressionSyntax callee, IMethodSymbol method, SemanticModel model)
    {
        if (method.MethodKind == MethodKind.Ordinary)
        {
            return callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee
                   && model.GetOperation(invocation, _cancellationToken) is IInvocationOperation call
                ? (call, call.Instance)
                : null;
        }

        var kept = callee.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Expression == callee,
            ArgumentSyntax => true,
            ForEachStatementSyntax loop => loop.Expression == callee,
            _ => false,
        };
        return kept && model.GetOperation(callee, _cancellationToken) is IPropertyReferenceOperation read ? (read, read.Instance) : null;
    }

    private static bool IsStatic(HeldLock held) => held.Symbol is IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true };

    /// <summary>
    /// Whether <paramref name="receiver"/>, the object a call is made on, is the caller's own object (<c>Push(w)</c>,
    /// <c>this.Push(w)</c>) or on
    /// one that the caller's type creates and keeps in a field (<c>_child.Update()</c> where every store into
    /// <c>_child</c> is a <c>new</c>).
    /// </summary>
    private bool ReachesOwnOrOwnedObject(IOperation? receiver, IMethodSymbol caller)
    {
        if (caller.IsStatic)
        {
            return false;
        }

        while (receiver is IConversionOperation conversion)
        {
            receiver = conversion.Operand;
        }

        return receiver switch
        {
            IInstanceReferenceOperation => true,
            IFieldReferenceOperation { Field: { IsStatic: false } field, Instance: IInstanceReferenceOperation } => Owned(field),
            _ => false,
        };
    }

    /// <summary>Whether every value stored into <paramref name="field"/> in its type's code is a new object.</summary>
    private bool Owned(IFieldSymbol field)
    {
        var stores = 0;
        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(_cancellationToken);
            foreach (var token in SourceWords.IdentifiersNamed(declaration, field.Name))
            {
                var value = token.Parent switch
                {
                    VariableDeclaratorSyntax { Initializer.Value: var initial } declarator when declarator.Identifier == token => initial,
                    IdentifierNameSyntax { Parent: AssignmentExpressionSyntax assignment } name when assignment.Left == name => assignment.Right,
                    IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Parent: AssignmentExpressionSyntax assignment } access } when assignment.Left == access => assignment.Right,
                    _ => null,
                };
                if (value is null)
                {
                    continue;
                }

                if (value is not BaseObjectCreationExpressionSyntax)
                {
                    return false;
                }

                stores++;
            }
        }

        return stores > 0;
    }

    /// <summary>
    /// Whether every use of <paramref name="name"/> in <paramref name="tree"/> is a call on a local, parameter or field
    /// named by an identifier (<c>offsets.TryDequeue(c)</c>) inside a <c>lock</c> on that same identifier, in the same
    /// function. Syntax only: whether the names bind to the member is asked after, of the files that pass.
    /// </summary>
    private bool EveryUseLocksItsReceiver(SyntaxTree tree, string name)
    {
        foreach (var token in SourceWords.IdentifiersNamed(tree.GetRoot(_cancellationToken), name))
        {
            if (token.Parent is not SimpleNameSyntax { Parent: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access } simple
                || access.Name != simple || access.Parent is not InvocationExpressionSyntax
                || LockOn(access, receiver.Identifier.ValueText) is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The nearest <c>lock (name)</c> around <paramref name="node"/> in its own function (not across a lambda or a local
    /// function, which can run after the lock is released), whose body does not store into <paramref name="name"/>.
    /// </summary>
    private static LockStatementSyntax? LockOn(SyntaxNode node, string name)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return null;
                case LockStatementSyntax { Expression: IdentifierNameSyntax locked } statement when locked.Identifier.ValueText == name:
                    return StoresInto(statement.Statement, name) ? null : statement;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="body"/> assigns <paramref name="name"/>, or passes it by <c>ref</c> or <c>out</c>.</summary>
    private static bool StoresInto(SyntaxNode body, string name)
    {
        foreach (var node in body.DescendantNodesAndSelf())
        {
            var target = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument => argument.Expression,
                _ => null,
            };
            if (target is IdentifierNameSyntax stored && stored.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the call <paramref name="callee"/> names is made inside a lock on the object it is made on: a local, a
    /// parameter or a readonly field of the caller's own object, locked and called by the same name (see <see cref="LockOn"/>).
    /// </summary>
    private bool LocksReceiver(ExpressionSyntax callee, IOperation? instance, SemanticModel model)
    {
        while (instance is IConversionOperation conversion)
        {
            instance = conversion.Operand;
        }

        var receiver = instance switch
        {
            ILocalReferenceOperation local => (ISymbol)local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation { Field: { IsReadOnly: true } field, Instance: null or IInstanceReferenceOperation } => field,
            _ => null,
        };
        return receiver is not null && callee is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax name }
               && LockOn(callee, name.Identifier.ValueText) is { } statement
               && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(statement.Expression, _cancellationToken).Symbol, receiver);
    }

    /// <summary>
    /// The locks that name one object for every caller: a field, a property (the field its getter returns), <c>this</c>.
    /// The callee's own lock, which its type hands out (<c>lock (_workers.SyncRoot)</c>), counts when it is taken on the
    /// object the call is made on.
    /// </summary>
    private List<HeldLock> Known(List<HeldLock> held, IMethodSymbol caller, ExpressionSyntax callee, IOperation? instance, SemanticModel model)
    {
        var known = new List<HeldLock>();
        foreach (var one in held)
        {
            if (!one.AllowsWrites)
            {
                continue; // a reader lock lets the callers in together
            }

            var symbol = one.Symbol is IPropertySymbol property ? (ISymbol?)ReturnedField(property) ?? property : one.Symbol;
            if (symbol is IFieldSymbol { IsStatic: false } handedOut && one.Symbol is IPropertySymbol root
                && !SymbolEqualityComparer.Default.Equals(handedOut.ContainingType.OriginalDefinition, caller.ContainingType.OriginalDefinition))
            {
                if (LockedOnReceiver(callee, root, instance, model))
                {
                    known.Add(new HeldLock(handedOut.OriginalDefinition, allowsWrites: true, handedOut.ContainingType.OriginalDefinition));
                }

                continue;
            }

            if (symbol is IFieldSymbol or IPropertySymbol or ITypeSymbol)
            {
                known.Add(new HeldLock(symbol, allowsWrites: true, one.AcquiredIn));
            }
        }

        return known;
    }

    /// <summary>
    /// Whether a <c>lock</c> statement around <paramref name="callee"/> locks <paramref name="root"/> of the field the
    /// call is made on (<c>lock (_workers.SyncRoot) { … _workers.Keys … }</c>).
    /// </summary>
    private bool LockedOnReceiver(ExpressionSyntax callee, IPropertySymbol root, IOperation? instance, SemanticModel model)
    {
        while (instance is IConversionOperation conversion)
        {
            instance = conversion.Operand;
        }

        if (instance is not IFieldReferenceOperation { Field: var target, Instance: IInstanceReferenceOperation })
        {
            return false;
        }

        foreach (var statement in callee.Ancestors().OfType<LockStatementSyntax>())
        {
            if (statement.Expression is MemberAccessExpressionSyntax { Expression: var holder } access
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(access, _cancellationToken).Symbol?.OriginalDefinition, root.OriginalDefinition)
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(holder, _cancellationToken).Symbol?.OriginalDefinition, target.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="type"/> hands out a lock it takes itself: a property that callers can read returns a
    /// field of the type that a <c>lock</c> statement of the type locks (<c>public object SyncRoot =&gt; _lock;</c>).
    /// </summary>
    private bool HandsOutOwnLock(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is not IPropertySymbol { DeclaredAccessibility: not Accessibility.Private, IsStatic: false } property || ReturnedField(property) is not { } field)
            {
                continue;
            }

            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var token in SourceWords.IdentifiersNamed(reference.GetSyntax(_cancellationToken), field.Name))
                {
                    if (token.Parent is ExpressionSyntax name && name.Parent is LockStatementSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Parent: LockStatementSyntax })
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>The field a property's getter returns (<c>public object SyncRoot =&gt; _lock;</c>), or null.</summary>
    private IFieldSymbol? ReturnedField(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            var returned = reference.GetSyntax(_cancellationToken) is PropertyDeclarationSyntax declaration ? Returned(declaration) : null;
            if (returned is not null && _semanticModels(reference.SyntaxTree).GetSymbolInfo(returned, _cancellationToken).Symbol is IFieldSymbol field
                && SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, property.ContainingType.OriginalDefinition))
            {
                return field;
            }
        }

        return null;
    }

    private static ExpressionSyntax? Returned(PropertyDeclarationSyntax declaration)
    {
        if (declaration.ExpressionBody is { } body)
        {
            return body.Expression;
        }

        if (declaration.AccessorList is not { Accessors: { Count: 1 } accessors })
        {
            return null;
        }

        return accessors[0].ExpressionBody?.Expression
               ?? (accessors[0].Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax { Expression: { } value } ? value : null);
    }
}
