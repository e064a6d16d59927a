using System.Collections.Immutable;
using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>FL1006: a lock that no two threads ever share, so it excludes nothing.</summary>
/// <remarks>
/// A lock works only when every thread takes the same object. These shapes look synchronized and are not:
/// <c>lock (new object())</c> or a lock on a local created in the same call; <c>lock (prefix + key)</c>, a string
/// built for each call; <c>lock ((object)count)</c>, a value boxed anew each time; <c>Enter</c> on a
/// <c>readonly SpinLock</c> field (the call runs on a defensive copy) or on a copied <c>SpinLock</c>; a
/// per-instance lock around a write of <c>static</c> state, which two instances update at once; and a semaphore with
/// several permits (a throttle) held around a read-modify-write as if it were a lock.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LockExcludesNothingAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.LockExcludesNothing,
        title: "Lock on an object that all threads share",
        messageFormat: "'{0}' excludes nothing: {1}",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A lock protects only when every thread locks the same object. A new object, a string built per call, a boxed value, a copied or readonly SpinLock, or a per-instance lock around static state never makes two threads wait for each other; a semaphore with several permits lets several in at once.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.LockExcludesNothing));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (ReferenceOnlyCompile.SkipsBodies(start.Options))
            {
                return; // no code is emitted, so no body can race (see ReferenceOnlyCompile)
            }

            // One callback per file that binds only the statements it needs, not operation actions: an operation
            // action makes the driver bind every method body of the compilation (a second time, since the compiler's
            // own binding is not shared). The 'lock' statements and 'x.Enter(…)' calls come from the lock rules'
            // per-file index (LockSyntax), found once per file for all of them.
            // 'SpinLock' is looked up on the first 'x.Enter(…)' call, not here: a lookup in a compilation start action
            // pays for, or waits on, the binding of the compilation's references when the host starts the analyzers
            // first (see ConcurrentDictionaryCompoundOperationAnalyzer).
            var compilation = start.Compilation;
            var spinLock = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.Threading.SpinLock"));
            start.RegisterSemanticModelAction(file => AnalyzeFile(file, spinLock));
        });
    }

    private static void AnalyzeFile(SemanticModelAnalysisContext file, Lazy<INamedTypeSymbol?> spinLock)
    {
        foreach (var node in LockSyntax.Of(file.SemanticModel.SyntaxTree, file.CancellationToken).Nodes)
        {
            if (file.FilterSpan is { } span && !span.IntersectsWith(node.Span))
            {
                continue;
            }

            file.CancellationToken.ThrowIfCancellationRequested();
            if (node is LockStatementSyntax)
            {
                AnalyzeLock(new FileNode(node, file));
            }
            else if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" or "WaitAsync" } })
            {
                AnalyzeThrottle(new FileNode(node, file));
            }
            else
            {
                AnalyzeSpinLock(new FileNode(node, file), spinLock);
            }
        }
    }

    private static void AnalyzeLock(FileNode context)
    {
        if (context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is not ILockOperation lockOperation)
        {
            return;
        }

        var value = lockOperation.LockedValue;
        var shown = value.Syntax.ToString();
        if ((WhyNotShared(value) ?? WhyReplaced(value, context.SemanticModel, context.CancellationToken)) is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), $"lock ({shown})", reason));
            return;
        }

        if (IsPerInstance(value) && lockOperation.Body is { } body)
        {
            ReportStaticWrites(context, lockOperation, body, shown);
        }
    }

    /// <summary>Why every call locks a different object, or null when the lock object can be shared.</summary>
    private static string? WhyNotShared(IOperation value)
    {
        if (value is IConversionOperation { Operand.Type.IsValueType: true, Type.IsReferenceType: true })
        {
            return "the value is boxed into a new object each time";
        }

        value = Strip(value);
        switch (value)
        {
            case IObjectCreationOperation or IAnonymousObjectCreationOperation or IArrayCreationOperation or ITypeParameterObjectCreationOperation:
                return "the object is created for this call only";
            case IBinaryOperation or IInterpolatedStringOperation when value.Type?.SpecialType == SpecialType.System_String && !value.ConstantValue.HasValue:
                return "the string is built anew for each call, so equal text is still a different object";
            case IInvocationOperation { TargetMethod.Name: not ("Intern" or "IsInterned") } call when call.Type?.SpecialType == SpecialType.System_String:
                return $"'{call.TargetMethod.Name}' returns a new string for each call, so equal text is still a different object";
            case IPropertyReferenceOperation { Property.GetMethod: { } getter } property when CreatesWhatItReturns(getter):
                return $"'{property.Property.Name}' creates a new object each time it is read";
            case IInvocationOperation call when CreatesWhatItReturns(call.TargetMethod):
                return $"'{call.TargetMethod.Name}' creates a new object for each call";
            case ILocalReferenceOperation { Local: { } local } reference when FreshInitializer(local, reference) is { } initial:
                return Strip(initial) is IObjectCreationOperation
                    ? $"'{local.Name}' is a new object created in this call, and no other code can lock it"
                    : $"'{local.Name}' is set once in this call, and {WhyNotShared(initial)}";
            default:
                return null;
        }
    }

    /// <summary>
    /// Why a lock on a field that its type replaces while it is locked excludes nothing across the change
    /// (<c>lock (_pending) { batch = _pending; _pending = new List&lt;T&gt;(); }</c>, a <c>Volatile.Write</c> of it there, or
    /// <c>Interlocked.Exchange(ref _pending, …)</c>):
    /// a thread that locked the old object and one that locks the new one run together. Null for a readonly field,
    /// and for one set only in constructors, in other members outside a lock on it (a two-phase start), by
    /// <c>??=</c>, or by <c>Interlocked.CompareExchange</c> (a lock object made once, on first use).
    /// </summary>
    private static string? WhyReplaced(IOperation value, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (Strip(value) is not IFieldReferenceOperation { Field: { IsReadOnly: false, IsConst: false } field }
            || field.ContainingType is not { } type)
        {
            return null;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
            {
                if (token.ValueText != field.Name || token.Parent is not IdentifierNameSyntax name)
                {
                    continue;
                }

                // A set inside a lock on the field itself (the swap 'lock (_pending) { …; _pending = new(); }'), or an
                // 'Interlocked.Exchange', replaces the object while other threads lock it. A plain set elsewhere is
                // usually a two-phase start ('Initialize()' before any use), which the text cannot tell from a reset.
                SyntaxNode written = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                var replaced = written.Parent switch
                {
                    AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                        => assignment.Left == written && HeldOnField(name, field, reference.SyntaxTree, semanticModel, cancellationToken),
                    ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword, Parent.Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exchange" } } } => true,

                    // 'lock (_current) { Volatile.Write(ref _current, next); … }' (set ax R04): a set, as a plain one.
                    ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword, Parent.Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Write", Expression: IdentifierNameSyntax { Identifier.ValueText: "Volatile" } } } }
                        => HeldOnField(name, field, reference.SyntaxTree, semanticModel, cancellationToken),
                    _ => false,
                };
                if (!replaced || name.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is not null)
                {
                    continue;
                }

                var model = reference.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : CallerLocks.ModelOf(semanticModel.Compilation, reference.SyntaxTree);
                if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, field.OriginalDefinition)
                    && name.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member)
                {
                    var line = token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    return $"'{field.Name}' is set to another object in '{MemberName(member)}' (line {line}), so a thread that locked the old object and one that locks the new one run at the same time";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a lock on the field is held where <paramref name="node"/> runs: inside a <c>lock</c> on it, or in a
    /// private method of its type that is only ever called inside one (a <c>TakeBuffer()</c> helper the swap calls, set
    /// az R04), through at most <see cref="MaxHelperDepth"/> such helpers.
    /// </summary>
    private static bool HeldOnField(SyntaxNode node, IFieldSymbol field, SyntaxTree tree, SemanticModel semanticModel, CancellationToken cancellationToken)
        => HeldOnField(node, field, tree, semanticModel, depth: 0, cancellationToken);

    private const int MaxHelperDepth = 3;

    private static bool HeldOnField(SyntaxNode node, IFieldSymbol field, SyntaxTree tree, SemanticModel semanticModel, int depth, CancellationToken cancellationToken)
    {
        if (node.Ancestors().OfType<LockStatementSyntax>().Any(locked => NamesField(locked.Expression, field.Name)))
        {
            return true;
        }

        // Inside a lambda or a local function the write can run later, without the lock.
        if (depth >= MaxHelperDepth || node.Ancestors().Any(ancestor => ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            || node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } helper
            || helper.Modifiers.Any(modifier => modifier.RawKind is (int)SyntaxKind.PublicKeyword or (int)SyntaxKind.InternalKeyword or (int)SyntaxKind.ProtectedKeyword))
        {
            return false;
        }

        var model = tree == semanticModel.SyntaxTree ? semanticModel : CallerLocks.ModelOf(semanticModel.Compilation, tree);
        if (model.GetDeclaredSymbol(helper, cancellationToken) is not { } method || field.ContainingType is not { } type)
        {
            return false;
        }

        var calls = 0;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var callerModel = reference.SyntaxTree == semanticModel.SyntaxTree ? semanticModel : CallerLocks.ModelOf(semanticModel.Compilation, reference.SyntaxTree);
            foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
            {
                if (token.ValueText != method.Name || token.Parent is not SimpleNameSyntax name
                    || !SymbolEqualityComparer.Default.Equals(callerModel.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, method.OriginalDefinition))
                {
                    continue;
                }

                ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee
                    || !HeldOnField(invocation, field, reference.SyntaxTree, semanticModel, depth + 1, cancellationToken))
                {
                    return false; // used as a delegate, or called without the lock: the helper is not the swap's
                }

                calls++;
            }
        }

        return calls > 0;
    }

    private static bool NamesField(ExpressionSyntax expression, string name) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: var member } => member == name,
        _ => false,
    };

    private static string MemberName(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        IndexerDeclarationSyntax => "this[]",
        EventDeclarationSyntax @event => @event.Identifier.ValueText,
        _ => "a member",
    };

    /// <summary>
    /// Whether a getter or method of the compilation does nothing but return an object it creates
    /// (<c>object SyncRoot => new object();</c>): whoever locks what it returns locks a new object every time.
    /// </summary>
    private static bool CreatesWhatItReturns(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var returned = method.DeclaringSyntaxReferences[0].GetSyntax() switch
        {
            ArrowExpressionClauseSyntax { Expression: var value } => value, // the getter of 'T P => …'
            AccessorDeclarationSyntax { ExpressionBody.Expression: var value } => value,
            AccessorDeclarationSyntax { Body.Statements: { Count: 1 } statements } => (statements[0] as ReturnStatementSyntax)?.Expression,
            MethodDeclarationSyntax { ExpressionBody.Expression: var value } => value,
            MethodDeclarationSyntax { Body.Statements: { Count: 1 } statements } => (statements[0] as ReturnStatementSyntax)?.Expression,
            _ => null,
        };
        while (returned is ParenthesizedExpressionSyntax parenthesized)
        {
            returned = parenthesized.Expression;
        }

        return returned is BaseObjectCreationExpressionSyntax or AnonymousObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax;
    }

    /// <summary>
    /// The initializer of a local that holds a different object on each call (a new object, a string built here, a
    /// boxed value), when the local is never reassigned and not captured by a lambda that could share it.
    /// </summary>
    private static IOperation? FreshInitializer(ILocalSymbol local, IOperation reference)
    {
        var root = reference;
        while (root.Parent is { } parent && root is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
        {
            root = parent;
        }

        if (root is IAnonymousFunctionOperation or ILocalFunctionOperation)
        {
            return null; // locked inside a lambda: the local may be the one object its sibling lambdas share
        }

        IOperation? fresh = null;
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    // Not a call's result: a method returning a string may hand out one cached instance per key.
                    fresh = declarator.Initializer?.Value is { } initial && Strip(initial) is not (ILocalReferenceOperation or IInvocationOperation) && WhyNotShared(initial) is not null ? initial : null;
                    break;
                case ILocalReferenceOperation use when SymbolEqualityComparer.Default.Equals(use.Local, local) && (IsInsideFunction(use, root) || IsWritten(use)):
                    return null; // captured, or reassigned: it may be shared after all
            }
        }

        return fresh;
    }

    private static bool IsInsideFunction(IOperation operation, IOperation root)
    {
        for (var current = operation.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWritten(IOperation use)
        => use.Parent is IAssignmentOperation assignment && assignment.Target == use
           || use.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out };

    /// <summary>A lock object that belongs to one instance: <c>this</c> or an instance field of <c>this</c>.</summary>
    private static bool IsPerInstance(IOperation value)
        => Strip(value) switch
        {
            IInstanceReferenceOperation => true,
            IFieldReferenceOperation { Field.IsStatic: false, Instance: { } instance } => Strip(instance) is IInstanceReferenceOperation,
            _ => false,
        };

    /// <summary>
    /// Writes of static fields directly in a per-instance lock (not inside a nested lock on static state), and changes
    /// of a static collection (<c>Vocabulary.Add(key, id)</c>, <c>Vocabulary[key] = id</c>) that is not thread-safe.
    /// </summary>
    private static void ReportStaticWrites(FileNode context, ILockOperation lockOperation, IOperation body, string shown)
    {
        var types = ConcurrencyTypes.For(context.SemanticModel.Compilation);
        foreach (var operation in body.DescendantsAndSelf())
        {
            var field = operation switch
            {
                IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } holder } } => StaticCollection(holder, types),
                IIncrementOrDecrementOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } holder } } => StaticCollection(holder, types),
                IInvocationOperation { Instance: { } holder } call when ConcurrencyTypes.IsMutator(call.TargetMethod) => StaticCollection(holder, types),
                IAssignmentOperation assignment => StaticField(assignment.Target),
                IIncrementOrDecrementOperation increment => StaticField(increment.Target),
                _ => null,
            };
            if (field is null || InsideFunctionOrOtherLock(operation, lockOperation))
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(), $"lock ({shown})",
                $"'{field.Name}' is static, but each instance has its own lock, so two instances update it at once"));
        }
    }

    /// <summary>The static field <paramref name="target"/> assigns (not a readonly or const one), or null.</summary>
    private static IFieldSymbol? StaticField(IOperation target)
        => Strip(target) is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: false, IsConst: false } field } ? field : null;

    /// <summary>The static field, readonly or not, that holds <paramref name="holder"/>'s collection when that collection is not thread-safe.</summary>
    private static IFieldSymbol? StaticCollection(IOperation holder, ConcurrencyTypes types)
        => Strip(holder) is IFieldReferenceOperation { Field: { IsStatic: true } field } && types.IsUnsafeCollection(field.Type) ? field : null;

    private static bool InsideFunctionOrOtherLock(IOperation operation, ILockOperation outer)
    {
        for (var current = operation.Parent; current is not null && current != outer; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation || current is ILockOperation inner && !IsPerInstance(inner.LockedValue))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A semaphore that lets several holders in at once (<c>new SemaphoreSlim(maxConcurrentRenders, …)</c>, see
    /// <see cref="LockCreation.AdmitsSeveral"/>) waited on just before a <c>try</c> whose <c>finally</c> releases it,
    /// as a lock is: a read-modify-write of the type's own field in that <c>try</c> (<c>_sold++</c>, <c>_sold += n</c>,
    /// <c>var sold = _sold; … _sold = sold + n;</c>), outside any <c>lock</c>, runs in several callers at once.
    /// </summary>
    private static void AnalyzeThrottle(FileNode context)
    {
        var wait = (InvocationExpressionSyntax)context.Node;
        var statement = wait.FirstAncestorOrSelf<StatementSyntax>();
        if (statement?.Parent is not BlockSyntax block || block.Statements.IndexOf(statement) is var at && (at < 0 || at + 1 >= block.Statements.Count)
            || block.Statements[at + 1] is not TryStatementSyntax { Finally.Block: var release } region
            || ((MemberAccessExpressionSyntax)wait.Expression).Expression is not { } semaphoreSyntax
            || !ReleasesIn(release, semaphoreSyntax.ToString())
            || NullCheckedReads.NameOf(semaphoreSyntax) is not { } semaphoreName
            || wait.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } typeDeclaration
            || context.SemanticModel.GetDeclaredSymbol(typeDeclaration, context.CancellationToken) is not { } type
            || type.GetMembers(semaphoreName).FirstOrDefault() is not IFieldSymbol { Type.Name: "SemaphoreSlim" } semaphore
            || !LockApis.For(context.SemanticModel.Compilation).CreationOf(semaphore).AdmitsSeveral)
        {
            return; // decided from declarations only: no body is bound for a semaphore with one permit or a task's 'Wait'
        }

        if (context.SemanticModel.GetOperation(wait, context.CancellationToken) is not IInvocationOperation { TargetMethod.ContainingType.Name: "SemaphoreSlim", Instance: { } instance }
            || Strip(instance) is not IFieldReferenceOperation { Field: var waited }
            || !SymbolEqualityComparer.Default.Equals(waited.OriginalDefinition, semaphore.OriginalDefinition))
        {
            return;
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in region.Block.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or LockStatementSyntax)))
        {
            var (target, value) = node switch
            {
                PostfixUnaryExpressionSyntax { Operand: var operand } => (operand, (ExpressionSyntax?)null),
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression, Operand: var operand } => (operand, null),
                AssignmentExpressionSyntax { RawKind: not (int)SyntaxKind.SimpleAssignmentExpression and not (int)SyntaxKind.CoalesceAssignmentExpression } compound => (compound.Left, null),
                AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } simple => (simple.Left, simple.Right),
                _ => (null, null),
            };
            if (target is null || NullCheckedReads.NameOf(target) is not { } name
                || (value is not null && !ReadsField(value, name, region.Block))
                || context.SemanticModel.GetSymbolInfo(target, context.CancellationToken).Symbol is not IFieldSymbol { IsReadOnly: false, IsConst: false } field
                || !SymbolEqualityComparer.Default.Equals(field.ContainingType, semaphore.ContainingType)
                || !reported.Add(name))
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, node.GetLocation(), semaphoreSyntax.ToString(),
                $"the semaphore lets several callers in at once, so two of them can read and write '{field.Name}' here together (a semaphore excludes only when it has one permit; take a lock around the update, or use Interlocked)"));
        }
    }

    /// <summary>Whether <paramref name="block"/> calls <c>Release</c> on the receiver written <paramref name="receiver"/>.</summary>
    private static bool ReleasesIn(BlockSyntax block, string receiver)
    {
        foreach (var node in block.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Release", Expression: var released } }
                && released.ToString() == receiver)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="value"/> reads the field <paramref name="name"/>, itself or through a local that
    /// <paramref name="region"/> set from it (<c>var sold = _sold; … _sold = sold + seats;</c>).
    /// </summary>
    private static bool ReadsField(ExpressionSyntax value, string name, BlockSyntax region)
    {
        foreach (var identifier in value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            var text = identifier.Identifier.ValueText;
            if (text == name)
            {
                return true;
            }

            foreach (var declarator in region.DescendantNodes().OfType<VariableDeclaratorSyntax>())
            {
                if (declarator.Identifier.ValueText == text && declarator.Initializer?.Value is { } initial && NullCheckedReads.NameOf(initial) == name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void AnalyzeSpinLock(FileNode context, Lazy<INamedTypeSymbol?> spinLockType)
    {
        // 'x.Enter(…)' or 'x.TryEnter(…)': a call on an instance, by name, before anything is bound or looked up.
        if (((InvocationExpressionSyntax)context.Node).Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Enter" or "TryEnter" }
            || spinLockType.Value is not { } spinLock
            || context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is not IInvocationOperation invocation
            || invocation.TargetMethod.Name is not ("Enter" or "TryEnter") || invocation.Instance is not { } instance
            || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, spinLock))
        {
            return;
        }

        var reason = Strip(instance) switch
        {
            IFieldReferenceOperation { Field: { IsReadOnly: true } field } => $"'{field.Name}' is a readonly SpinLock field, so every call locks a defensive copy; remove 'readonly'",
            ILocalReferenceOperation { Local: { RefKind: RefKind.None } local } => $"'{local.Name}' is a copy of a SpinLock (a struct), so each copy is a separate lock",
            IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter } => $"'{parameter.Name}' is a SpinLock passed by value, so it is a separate lock; pass it by ref",
            _ => null,
        };
        if (reason is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, instance.Syntax.GetLocation(), $"{instance.Syntax}.{invocation.TargetMethod.Name}", reason));
        }
    }

    private static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }
}
