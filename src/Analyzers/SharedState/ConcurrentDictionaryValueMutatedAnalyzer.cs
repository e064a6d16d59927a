using System.Collections.Immutable;
using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// FL1008: a collection that is not thread-safe, or a field of an object, taken out of a <c>ConcurrentDictionary</c>
/// and changed without a lock.
/// </summary>
/// <remarks>
/// A <c>ConcurrentDictionary&lt;string, HashSet&lt;string&gt;&gt;</c> makes its own members atomic, not its values:
/// <c>d.GetOrAdd(user, _ =&gt; new HashSet&lt;string&gt;()).Add(connection)</c> on two threads for one user is two
/// unsynchronized <c>HashSet.Add</c> calls on one set. As with FL1005, a concurrent dictionary says the code is meant
/// to run on several threads, so no concurrency context is needed.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConcurrentDictionaryValueMutatedAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ConcurrentDictionaryValueMutated,
        title: "Guard the values stored in a ConcurrentDictionary",
        messageFormat: "'{0}' changes a {1} taken from '{2}': the ConcurrentDictionary makes its own members atomic, not its values, so two threads can change this {1} at once",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Values of a ConcurrentDictionary are shared by every thread that reads the same key. Change a List, HashSet, Dictionary, Queue or Stack taken from one, or update a field of an object taken from one (entry.Hits++), only under a lock (on the value itself, for example) or with Interlocked; or store a concurrent or immutable value and replace it with AddOrUpdate.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ConcurrentDictionaryValueMutated));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <summary>What a file must name for a value to come out of a concurrent dictionary there.</summary>
    private static readonly string[] ValueSources = ["GetOrAdd", "AddOrUpdate", "TryGetValue", "ConcurrentDictionary"];

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

            // Looked up on first use, as FL1005 does: a lookup here waits on the binding of the references.
            var compilation = start.Compilation;
            var dictionary = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.Collections.Concurrent.ConcurrentDictionary`2"));
            FileNodeActions.Register(
                start,
                MutatorPositions,
                node =>
                {
                    if (dictionary.Value is { } type)
                    {
                        Analyze(node, type);
                    }
                },
                SyntaxKind.InvocationExpression);
            FileNodeActions.Register(
                start,
                UpdatePositions,
                node =>
                {
                    if (dictionary.Value is { } type)
                    {
                        AnalyzeUpdate(node, type);
                    }
                },
                SyntaxKind.PostIncrementExpression, SyntaxKind.PreIncrementExpression, SyntaxKind.PostDecrementExpression, SyntaxKind.PreDecrementExpression,
                SyntaxKind.AddAssignmentExpression, SyntaxKind.SubtractAssignmentExpression, SyntaxKind.MultiplyAssignmentExpression,
                SyntaxKind.OrAssignmentExpression, SyntaxKind.AndAssignmentExpression);
            FileNodeActions.Register(
                start,
                CheckPositions,
                node =>
                {
                    if (dictionary.Value is { } type)
                    {
                        AnalyzeCheckThenSet(node, type);
                    }
                },
                SyntaxKind.IfStatement);
            FileNodeActions.Register(
                start,
                SplitStorePositions,
                node =>
                {
                    if (dictionary.Value is { } type)
                    {
                        AnalyzeSplitStore(node, type);
                    }
                },
                SyntaxKind.Block);
        });
    }

    /// <summary>The blocks of a file that names a concurrent dictionary, around the places it takes a value out.</summary>
    private static List<int>? SplitStorePositions(SourceText text)
        => SourceWords.Positions(text, ConcurrentSources) is { Count: 0 } ? [] : SourceWords.Positions(text, ValueSources);

    /// <summary>
    /// Several members of an object taken out of a concurrent dictionary stored one after another with no lock
    /// (<c>track.Latitude = fix.Latitude; track.Longitude = fix.Longitude;</c>), while a member of the same type reads
    /// them together from a value of the same dictionary (<c>new PositionFix(track.Latitude, track.Longitude)</c>): the
    /// reader can see the new latitude with the old longitude (set ar R12). Reported at the second store, with the
    /// read as the second location. Stores that no reader takes together are not reported.
    /// </summary>
    private static void AnalyzeSplitStore(FileNode context, INamedTypeSymbol dictionary)
    {
        var block = (BlockSyntax)context.Node;
        var statements = block.Statements;
        for (var i = 0; i + 1 < statements.Count; i++)
        {
            if (StoredMember(statements[i]) is not { } first || StoredMember(statements[i + 1]) is not { } second
                || first.Receiver.Identifier.ValueText != second.Receiver.Identifier.ValueText || first.Member == second.Member
                || !MayComeFromDictionary(first.Receiver)
                || context.SemanticModel.GetOperation(second.Store, context.CancellationToken) is not ISimpleAssignmentOperation assignment
                || assignment.Target is not IMemberReferenceOperation { Instance: { } instance }
                || OperationTree.Strip(instance) is not { Type: { IsReferenceType: true, SpecialType: SpecialType.None } valueType } value
                || CallerLocks.RunsUnderLock(assignment, context.CancellationToken)
                || Source(value, dictionary) is not { } source
                || ReadTogether(block, first.Member, second.Member, source, dictionary, context) is not { } read)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, second.Store.GetLocation(), [read.GetLocation()], second.Store.ToString(), valueType.Name, source.Syntax.ToString()));
            return;
        }

        static (AssignmentExpressionSyntax Store, IdentifierNameSyntax Receiver, string Member)? StoredMember(StatementSyntax statement)
            => statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver, Name: IdentifierNameSyntax member } } store }
               && store.IsKind(SyntaxKind.SimpleAssignmentExpression)
                ? (store, receiver, member.Identifier.ValueText)
                : null;
    }

    /// <summary>
    /// A statement of another member of the type that reads <paramref name="first"/> and <paramref name="second"/> of one
    /// value taken out of the same dictionary, with no lock held; or null.
    /// </summary>
    private static StatementSyntax? ReadTogether(BlockSyntax writer, string first, string second, IOperation source, INamedTypeSymbol dictionary, FileNode context)
    {
        if (writer.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type || writer.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } writing
            || OperationTree.Strip(source) is not IMemberReferenceOperation { Member: var dictionaryMember })
        {
            return null;
        }

        foreach (var member in type.Members)
        {
            if (member == writing)
            {
                continue;
            }

            foreach (var read in member.DescendantNodes().OfType<MemberAccessExpressionSyntax>())
            {
                if (read is not { Expression: IdentifierNameSyntax receiver, Name.Identifier.ValueText: var name } || name != first
                    || read.Parent is AssignmentExpressionSyntax { Left: var target } && target == read
                    || read.FirstAncestorOrSelf<StatementSyntax>() is not { } statement
                    || !ReadsMember(statement, receiver.Identifier.ValueText, second)
                    || context.SemanticModel.GetOperation(read, context.CancellationToken) is not IMemberReferenceOperation { Instance: { } instance } reference
                    || CallerLocks.RunsUnderLock(reference, context.CancellationToken)
                    || Source(OperationTree.Strip(instance), dictionary) is not IMemberReferenceOperation { Member: var readFrom }
                    || !SymbolEqualityComparer.Default.Equals(readFrom, dictionaryMember))
                {
                    continue;
                }

                return statement;
            }
        }

        return null;

        static bool ReadsMember(StatementSyntax statement, string receiver, string member)
            => statement.DescendantNodes().OfType<MemberAccessExpressionSyntax>()
                .Any(read => read is { Expression: IdentifierNameSyntax { Identifier.ValueText: var name } } && name == receiver && read.Name.Identifier.ValueText == member);
    }

    /// <summary>
    /// The members that change the collections kept as values (lists, sets, dictionaries, queues, stacks, linked
    /// lists): each word is one search of the file's text, so the builders' and <c>Random</c>'s are left out.
    /// </summary>
    private static readonly string[] CollectionMutators =
    [
        "Add", "AddRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere", "Clear", "Insert", "InsertRange",
        "TryAdd", "Enqueue", "Dequeue", "TryDequeue", "Push", "Pop", "TryPop", "UnionWith", "ExceptWith", "IntersectWith",
        "SymmetricExceptWith", "AddFirst", "AddLast", "RemoveFirst", "RemoveLast",
    ];

    /// <summary>Where the file calls a member named like a mutator, when it names a source of values at all.</summary>
    private static List<int>? MutatorPositions(SourceText text)
        => SourceWords.Positions(text, ValueSources) is { Count: 0 } ? [] : SourceWords.Positions(text, CollectionMutators);

    /// <summary>The read-modify-write operators (<c>++</c>, <c>--</c>, <c>+=</c>, …) of a file that names a source of values at all.</summary>
    private static List<int>? UpdatePositions(SourceText source)
    {
        var named = SourceWords.Positions(source, ValueSources);
        if (named is null or { Count: 0 })
        {
            return named; // null: a Unicode escape, every node is read
        }

        var text = SourceWords.TextOf(source);
        var positions = new List<int>();
        foreach (var op in UpdateOperators)
        {
            for (var at = text.IndexOf(op, StringComparison.Ordinal); at >= 0; at = text.IndexOf(op, at + op.Length, StringComparison.Ordinal))
            {
                positions.Add(at);
            }
        }

        return positions;
    }

    private static readonly string[] UpdateOperators = ["++", "--", "+=", "-=", "*=", "|=", "&="];

    private static readonly string[] IfWord = ["if"];

    /// <summary>
    /// The <c>if</c> statements of a file that names a concurrent dictionary or one of its own members. Narrower than
    /// <see cref="ValueSources"/>: <c>TryGetValue</c> alone is in most files that use any dictionary, and every
    /// <c>if</c> of them would be read.
    /// </summary>
    private static List<int>? CheckPositions(SourceText text)
        => SourceWords.Positions(text, ConcurrentSources) is { Count: 0 } ? [] : SourceWords.Positions(text, IfWord);

    private static readonly string[] ConcurrentSources = ["GetOrAdd", "AddOrUpdate", "ConcurrentDictionary"];

    /// <summary>
    /// A check-then-set of a member of an object taken out of a concurrent dictionary: <c>if (bed.Status != Free)
    /// continue; bed.Status = Occupied;</c>, or the store inside the <c>if</c>. Two threads with the same value can
    /// both pass the check before either stores, so both act on it (two patients in one bed).
    /// </summary>
    private static void AnalyzeCheckThenSet(FileNode context, INamedTypeSymbol dictionary)
    {
        var check = (IfStatementSyntax)context.Node;

        // The syntax first: most checks decide no store of a member at all.
        var stores = StoresDecided(check);
        if (stores.Count == 0)
        {
            return;
        }

        foreach (var (receiver, member) in CheckedMembers(check.Condition))
        {
            if (stores.Find(s => s.Left is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target, Name: IdentifierNameSyntax name }
                                 && target.Identifier.ValueText == receiver.Identifier.ValueText && name.Identifier.ValueText == member) is not { } store
                || !(MayComeFromDictionary(receiver) || IsParameterOfPrivateMethod(receiver))
                || context.SemanticModel.GetOperation(store, context.CancellationToken) is not ISimpleAssignmentOperation assignment)
            {
                continue;
            }

            var instance = assignment.Target switch
            {
                IFieldReferenceOperation { Field.IsStatic: false } field => field.Instance,
                IPropertyReferenceOperation { Property.IsStatic: false } property when SharedStateWalker.IsAutoProperty(property.Property) => property.Instance,
                _ => null,
            };
            if (instance is null || OperationTree.Strip(instance) is not { Type: { IsReferenceType: true, SpecialType: SpecialType.None } valueType } value
                || CallerLocks.RunsUnderLock(assignment, context.CancellationToken))
            {
                continue;
            }

            if (Source(value, dictionary) is { } source)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, store.GetLocation(), [check.Condition.GetLocation()], store.ToString(), valueType.Name, source.Syntax.ToString()));
                return;
            }

            if (value is IParameterReferenceOperation { Parameter: var parameter } && SourceThroughCall(parameter, dictionary, context.SemanticModel, context.CancellationToken) is { } passed)
            {
                // 'Release(hold)' after 'TryGetValue(id, out var hold)', and 'if (hold.Released) return; hold.Released =
                // true;' in the helper: two releases of one hold both pass the check (set bf R07).
                context.ReportDiagnostic(Diagnostic.Create(Rule, store.GetLocation(), [check.Condition.GetLocation(), passed.Call.Syntax.GetLocation()], store.ToString(), valueType.Name, passed.Source.Syntax.ToString()));
                return;
            }
        }
    }

    /// <summary>
    /// The <c>x.Member</c> reads of a condition, with <c>x</c> a plain name; also through a local the enclosing blocks
    /// declared from one before the check (<c>int taken = night.BedsTaken; if (taken + beds &gt; night.Capacity) return …;
    /// night.BedsTaken = taken + beds;</c>, set s R06).
    /// </summary>
    private static IEnumerable<(IdentifierNameSyntax Receiver, string Member)> CheckedMembers(ExpressionSyntax condition)
    {
        foreach (var node in condition.DescendantNodesAndSelf())
        {
            if (node is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver, Name: IdentifierNameSyntax member } && node.Parent is not InvocationExpressionSyntax)
            {
                yield return (receiver, member.Identifier.ValueText);
            }
            else if (node is IdentifierNameSyntax local && !(node.Parent is MemberAccessExpressionSyntax access && access.Name == node)
                     && CopiedMember(local, condition) is { } copy)
            {
                yield return copy;
            }
        }
    }

    /// <summary>The member a local named <paramref name="name"/> was declared from, in a block around <paramref name="use"/> and before it.</summary>
    private static (IdentifierNameSyntax Receiver, string Member)? CopiedMember(IdentifierNameSyntax name, SyntaxNode use)
    {
        foreach (var ancestor in use.Ancestors())
        {
            if (ancestor is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return null;
            }

            if (ancestor is not BlockSyntax block)
            {
                continue;
            }

            foreach (var earlier in block.Statements)
            {
                if (earlier.Span.Contains(use.Span))
                {
                    break;
                }

                if (earlier is LocalDeclarationStatementSyntax declaration)
                {
                    foreach (var declarator in declaration.Declaration.Variables)
                    {
                        if (declarator.Identifier.ValueText == name.Identifier.ValueText
                            && declarator.Initializer?.Value is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver, Name: IdentifierNameSyntax member })
                        {
                            return (receiver, member.Identifier.ValueText);
                        }
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The stores <c>x.Member = …</c> the check decides, in text order: in the <c>if</c>'s own statement, and, when that
    /// statement leaves (<c>continue</c>, <c>return</c>, <c>break</c>, <c>throw</c>), in the statements after the <c>if</c>
    /// in its block.
    /// </summary>
    private static List<AssignmentExpressionSyntax> StoresDecided(IfStatementSyntax check)
    {
        var leaves = check.Statement is ContinueStatementSyntax or ReturnStatementSyntax or BreakStatementSyntax or ThrowStatementSyntax
                     || check.Statement is BlockSyntax { Statements: { Count: > 0 } leaving } && leaving.Last() is ContinueStatementSyntax or ReturnStatementSyntax or BreakStatementSyntax or ThrowStatementSyntax;
        IEnumerable<SyntaxNode> decided = leaves && check.Parent is BlockSyntax block
            ? block.Statements.SkipWhile(statement => statement != check).Skip(1).Prepend(check.Statement)
            : [check.Statement];
        var stores = new List<AssignmentExpressionSyntax>();
        foreach (var statement in decided)
        {
            foreach (var node in statement.DescendantNodesAndSelf())
            {
                if (node is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax, Name: IdentifierNameSyntax } } store
                    && store.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    stores.Add(store);
                }
            }
        }

        return stores;
    }

    /// <summary>
    /// A read-modify-write of a field of an object taken out of a concurrent dictionary (<c>bucket.Tokens--</c> after
    /// <c>var bucket = _buckets.GetOrAdd(key, …)</c>, <c>entry.Hits++</c>): two threads with the same key update one object.
    /// </summary>
    private static void AnalyzeUpdate(FileNode context, INamedTypeSymbol dictionary)
    {
        var operand = context.Node switch
        {
            PostfixUnaryExpressionSyntax postfix => postfix.Operand,
            PrefixUnaryExpressionSyntax prefix => prefix.Operand,
            AssignmentExpressionSyntax assignment => assignment.Left,
            _ => null,
        };
        if (operand is not MemberAccessExpressionSyntax { Expression: var receiver }
            || !(MayComeFromDictionary(ConcurrentDictionaryCandidates.StripParentheses(receiver)) || IsParameterOfPrivateMethod(ConcurrentDictionaryCandidates.StripParentheses(receiver)))
            || context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is not { } update
            || update switch { IIncrementOrDecrementOperation u => u.Target, ICompoundAssignmentOperation c => c.Target, _ => null } is not { } target)
        {
            return;
        }

        var instance = target switch
        {
            IFieldReferenceOperation { Field.IsStatic: false } field => field.Instance,
            IPropertyReferenceOperation { Property.IsStatic: false } property when SharedStateWalker.IsAutoProperty(property.Property) => property.Instance,
            _ => null,
        };
        if (instance is null || OperationTree.Strip(instance) is not { Type: { IsReferenceType: true, SpecialType: SpecialType.None } valueType } value
            || CallerLocks.RunsUnderLock(update, context.CancellationToken) || InBuilderStep(context.Node))
        {
            return;
        }

        if (Source(value, dictionary) is { } source)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Node.GetLocation(), context.Node.ToString(), valueType.Name, source.Syntax.ToString()));
        }
        else if (value is IParameterReferenceOperation { Parameter: var parameter } && SourceThroughCall(parameter, dictionary, context.SemanticModel, context.CancellationToken) is { } passed)
        {
            // 'MarkUsed(entry)' after 'TryGetValue(key, out var entry)': the helper updates the shared value.
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Node.GetLocation(), [passed.Call.Syntax.GetLocation()], context.Node.ToString(), valueType.Name, passed.Source.Syntax.ToString()));
        }
    }

    /// <summary>
    /// The concurrent dictionary that a call of <paramref name="parameter"/>'s method passes one of its values from:
    /// the method is private, so its calls are in its type; those in this file are bound, and one that passes a value
    /// read from a concurrent dictionary (<see cref="Source"/>) without holding a lock is the one.
    /// </summary>
    private static (IOperation Call, IOperation Source)? SourceThroughCall(IParameterSymbol parameter, INamedTypeSymbol dictionary, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private, ContainingType: { } type } method)
        {
            return null;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != semanticModel.SyntaxTree)
            {
                continue;
            }

            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation
                    || ConcurrentEntryFinder.InvokedName(invocation.Expression) != method.Name
                    || semanticModel.GetOperation(invocation, cancellationToken) is not IInvocationOperation call
                    || !SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition))
                {
                    continue;
                }

                foreach (var argument in call.Arguments)
                {
                    if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, parameter.OriginalDefinition)
                        && Source(OperationTree.Strip(argument.Value), dictionary) is { } source
                        && !CallerLocks.RunsUnderLock(call, cancellationToken))
                    {
                        return (call, source);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>A syntax check before binding: a parameter of the private method the update is written in (<c>entry.Hits++</c> in <c>MarkUsed(Entry entry)</c>).</summary>
    private static bool IsParameterOfPrivateMethod(ExpressionSyntax receiver)
        => receiver is IdentifierNameSyntax { Identifier.ValueText: var name }
           && receiver.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method
           && MethodSyntaxFacts.IsPrivate(method)
           && method.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name);

    private static void Analyze(FileNode context, INamedTypeSymbol dictionary)
    {
        // Before binding: the receiver must be one of the ways a value comes out (see MayComeFromDictionary).
        if (context.Node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } access }
            || !ConcurrencyTypes.IsMutatorName(name)
            || !(MayComeFromDictionary(ConcurrentDictionaryCandidates.StripParentheses(access.Expression)) || IsMemberOfValue(access.Expression))
            || context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is not IInvocationOperation { Instance: { } instance } call
            || !ConcurrencyTypes.IsMutator(call.TargetMethod))
        {
            return;
        }

        var types = ConcurrencyTypes.For(context.SemanticModel.Compilation);
        var value = OperationTree.Strip(instance);
        if (!types.IsUnsafeCollection(value.Type) || (Source(value, dictionary) ?? SourceOfHolder(value, dictionary)) is not { } source
            || CallerLocks.RunsUnderLock(call, context.CancellationToken) || InBuilderStep(context.Node))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            context.Node.GetLocation(),
            context.Node.ToString(),
            value.Type!.Name,
            source.Syntax.ToString()));
    }

    /// <summary>
    /// Whether <paramref name="node"/> is in a step of a fluent builder: a method (not a lambda or a local function in
    /// it) every <c>return</c> of which returns <c>this</c>. One thread drives such steps to configure the object before
    /// it is shared (Rebus's <c>PipelineStepInjector.OnSend</c>, chained on <c>new PipelineStepInjector(pipeline)</c>,
    /// fills the lists its concurrent dictionary holds, which the pipelines then only read).
    /// </summary>
    private static bool InBuilderStep(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
                case MethodDeclarationSyntax { Body: { } body, ReturnType: not PredefinedTypeSyntax }:
                    var returns = 0;
                    foreach (var step in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                    {
                        if (step is ReturnStatementSyntax returned)
                        {
                            if (returned.Expression is not ThisExpressionSyntax)
                            {
                                return false;
                            }

                            returns++;
                        }
                    }

                    return returns > 0;
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A syntax check before binding: a collection member of a value that may come out of a dictionary
    /// (<c>hold.Seats</c> with <c>var hold = _holds.GetOrAdd(…)</c>, set bi R08). The collection is as shared as the
    /// value that holds it: two requests for one key change the same set.
    /// </summary>
    private static bool IsMemberOfValue(ExpressionSyntax receiver)
        => ConcurrentDictionaryCandidates.StripParentheses(receiver) is MemberAccessExpressionSyntax { Expression: var holder, Name: IdentifierNameSyntax }
           && holder is not ThisExpressionSyntax
           && MayComeFromDictionary(ConcurrentDictionaryCandidates.StripParentheses(holder));

    /// <summary>
    /// The concurrent dictionary that the object holding the collection <paramref name="value"/> came out of
    /// (<c>hold.Seats</c>), when the holder is a reference type; or null.
    /// </summary>
    private static IOperation? SourceOfHolder(IOperation value, INamedTypeSymbol dictionary)
        => value is IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol { IsIndexer: false }, Instance: { } holder }
           && OperationTree.Strip(holder) is { Type.IsReferenceType: true } stripped
            ? Source(stripped, dictionary)
            : null;

    /// <summary>
    /// The concurrent dictionary <paramref name="value"/> was read from: <c>d.GetOrAdd(…)</c>, <c>d.AddOrUpdate(…)</c>,
    /// <c>d[k]</c>, or a local set from one of them or by <c>d.TryGetValue(k, out v)</c> in the same body.
    /// </summary>
    private static IOperation? Source(IOperation value, INamedTypeSymbol dictionary, bool throughHelper = true)
    {
        switch (value)
        {
            case IInvocationOperation { Instance: null or IInstanceReferenceOperation, TargetMethod: var helper } when throughHelper && value.SemanticModel is { } model
                && ReturnedByHelper(helper, model.SyntaxTree) is { } returned && model.GetOperation(returned) is { } body:
                // 'var session = GetOrStart(id);' with 'TastingSession GetOrStart(string id) => _sessions.GetOrAdd(id, …);'
                return Source(OperationTree.Strip(body), dictionary, throughHelper: false);
            case IInvocationOperation { TargetMethod.Name: "GetOrAdd" or "AddOrUpdate", Instance: { } instance } when IsDictionary(instance, dictionary):
                return instance;
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed } when IsDictionary(indexed, dictionary):
                return indexed;
            case IParameterReferenceOperation parameter:
                return UpdatedValueSource(parameter, dictionary);
            case ILocalReferenceOperation local:
                if (HoldsOwnNewObject(local))
                {
                    return null;
                }

                foreach (var operation in OperationTree.Root(local).Descendants())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator
                            when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local) && Source(OperationTree.Strip(initial), dictionary) is { } read:
                            return read;
                        case IInvocationOperation { TargetMethod.Name: "TryGetValue", Arguments.Length: 2, Instance: { } tryGet } when IsDictionary(tryGet, dictionary)
                            && OperationTree.OutLocal(((IInvocationOperation)operation).Arguments[1].Value) is { } written && SymbolEqualityComparer.Default.Equals(written, local.Local):
                            return tryGet;
                        case IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation { Symbol: var variable }, Collection: var collection }
                            when SymbolEqualityComparer.Default.Equals(variable, local.Local) && ValuesOf(collection, dictionary) is { } enumerated:
                            return enumerated;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether the local holds, where <paramref name="use"/> reads it, an object the method created itself: its last
    /// store before the use is <c>local = new …</c>, a statement of a block that holds the use, and nothing stores into
    /// the local after it (not even in a lambda or a later turn of a loop). CSRedis fills the local by
    /// <c>TryGetValue</c>, and when it finds nothing, makes a new pipe, adds it, and starts its pump, which changes it.
    /// </summary>
    private static bool HoldsOwnNewObject(ILocalReferenceOperation use)
    {
        // The body's last store into the local, wherever it is: it must come before the use, so nothing stores after.
        IOperation? last = null;
        foreach (var operation in OperationTree.Root(use).Descendants())
        {
            var isWrite = operation switch
            {
                IVariableDeclaratorOperation declarator => SymbolEqualityComparer.Default.Equals(declarator.Symbol, use.Local),
                IAssignmentOperation { Target: ILocalReferenceOperation target } => SymbolEqualityComparer.Default.Equals(target.Local, use.Local),
                IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument => SymbolEqualityComparer.Default.Equals(OperationTree.OutLocal(argument.Value), use.Local),
                _ => false,
            };
            if (isWrite && (last is null || operation.Syntax.SpanStart > last.Syntax.SpanStart))
            {
                last = operation;
            }
        }

        return last is ISimpleAssignmentOperation { Value: var value, Parent: IExpressionStatementOperation { Syntax.Parent: BlockSyntax block } }
               && last.Syntax.SpanStart < use.Syntax.SpanStart
               && OperationTree.Strip(value) is IObjectCreationOperation
               && block.Span.Contains(use.Syntax.Span);
    }

    /// <summary>
    /// The concurrent dictionary whose <c>Values</c> a loop enumerates, also through query operators
    /// (<c>_beds.Values.OrderBy(b =&gt; b.Id)</c>), or null.
    /// </summary>
    private static IOperation? ValuesOf(IOperation collection, INamedTypeSymbol dictionary)
    {
        var source = OperationTree.Strip(collection);
        for (var depth = 0; depth < 8 && source is IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } query; depth++)
        {
            source = OperationTree.Strip(query.Arguments[0].Value);
        }

        return source is IPropertyReferenceOperation { Property.Name: "Values", Instance: { } values } && IsDictionary(values, dictionary) ? values : null;
    }

    private static bool IsDictionary(IOperation instance, INamedTypeSymbol dictionary)
        => OperationTree.Strip(instance).Type is INamedTypeSymbol type && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, dictionary);

    /// <summary>
    /// A syntax check before anything is bound: <c>x.GetOrAdd(…)</c>, <c>x.AddOrUpdate(…)</c>, <c>x[k]</c>, or a local of
    /// the member declared by <c>out</c> in a <c>TryGetValue</c> call or with one of the others as its initializer
    /// (<see cref="ComesFromDictionary"/>). Most <c>list.Add(…)</c> calls of a file are on fields and plain locals,
    /// and binding each would cost more than the rule.
    /// </summary>
    private static bool MayComeFromDictionary(ExpressionSyntax receiver) => MayComeFromDictionary(receiver, throughHelper: true);

    private static bool MayComeFromDictionary(ExpressionSyntax receiver, bool throughHelper)
    {
        switch (receiver)
        {
            case InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } call when throughHelper:
                return HelperReturnsValue(call);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetOrAdd" or "AddOrUpdate" } }:
            case ElementAccessExpressionSyntax:
                return true;
            case IdentifierNameSyntax { Identifier.ValueText: var local }:
                return IsUpdateFactoryValue(receiver, local)
                       || (receiver.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member && ComesFromDictionary(member, local));
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="name"/> is the second parameter of a lambda given to <c>AddOrUpdate</c>: the value the
    /// update factory is handed is the one in the dictionary, which another thread may be updating the same way
    /// (<c>(_, existing) =&gt; { existing.HoursLogged += hours; return existing; }</c>, set ab R12). Which of the
    /// lambdas is the update factory is decided when bound (<see cref="UpdatedValueSource"/>).
    /// </summary>
    private static bool IsUpdateFactoryValue(SyntaxNode receiver, string name)
    {
        for (var node = receiver.Parent; node is not null and not MemberDeclarationSyntax; node = node.Parent)
        {
            if (node is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: { Count: >= 2 } parameters, Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddOrUpdate" } } } } }
                && parameters[1].Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The concurrent dictionary whose <c>AddOrUpdate</c> hands <paramref name="parameter"/> to its update factory as the
    /// current value, or null.
    /// </summary>
    private static IOperation? UpdatedValueSource(IParameterReferenceOperation parameter, INamedTypeSymbol dictionary)
    {
        if (parameter.Parameter is not { Ordinal: 1, ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda })
        {
            return null;
        }

        for (var operation = parameter.Parent; operation is not null; operation = operation.Parent)
        {
            if (operation is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
            {
                return function.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parameter.Name: "updateValueFactory", Parent: IInvocationOperation { TargetMethod.Name: "AddOrUpdate", Instance: { } instance } } }
                       && IsDictionary(instance, dictionary)
                    ? instance
                    : null;
            }
        }

        return null;
    }

    /// <summary>
    /// A syntax check for a call of a method of the same type declaration whose body only returns a value taken out
    /// of a dictionary (<c>Session GetOrStart(string id) =&gt; _sessions.GetOrAdd(id, …);</c>, set al R02): the value
    /// comes out through the helper as through <c>GetOrAdd</c> itself.
    /// </summary>
    private static bool HelperReturnsValue(InvocationExpressionSyntax call)
    {
        var name = ConcurrentEntryFinder.InvokedName(call.Expression);
        if (name is null || call.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
        {
            return false;
        }

        foreach (var member in type.Members)
        {
            if (member is MethodDeclarationSyntax method && method.Identifier.ValueText == name
                && MethodSyntaxFacts.ReturnedExpression(method) is { } returned
                && MayComeFromDictionary(ConcurrentDictionaryCandidates.StripParentheses(returned), throughHelper: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The expression <paramref name="helper"/> returns, when it is declared once, in <paramref name="tree"/>, with one.</summary>
    private static ExpressionSyntax? ReturnedByHelper(IMethodSymbol helper, SyntaxTree tree)
        => helper.DeclaringSyntaxReferences is { Length: 1 } references && references[0].SyntaxTree == tree
           && references[0].GetSyntax() is MethodDeclarationSyntax method
            ? MethodSyntaxFacts.ReturnedExpression(method)
            : null;

    /// <summary>
    /// Whether the member declares a local named <paramref name="local"/> by <c>out</c> in a <c>TryGetValue</c> call, or
    /// with a <c>GetOrAdd</c>, <c>AddOrUpdate</c> or element access as its initializer (read at the name's positions).
    /// </summary>
    private static bool ComesFromDictionary(MemberDeclarationSyntax member, string local)
    {
        foreach (var token in SourceWords.IdentifiersNamed(member, local))
        {
            switch (token.Parent)
            {
                case VariableDeclaratorSyntax { Initializer.Value: var initial } when ConcurrentDictionaryCandidates.StripParentheses(initial) is var value && value is not IdentifierNameSyntax && MayComeFromDictionary(value):
                case SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax argument } } when IsTryGetValueOut(argument):
                case IdentifierNameSyntax { Parent: ArgumentSyntax outArgument } when IsTryGetValueOut(outArgument):
                    return true;
                case ForEachStatementSyntax loop when loop.Identifier == token && EnumeratesValues(loop.Expression):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether a loop's collection names a <c>Values</c> property (<c>d.Values</c>, <c>d.Values.Where(…)</c>).</summary>
    private static bool EnumeratesValues(ExpressionSyntax collection)
        => collection.DescendantNodesAndSelf().Any(node => node is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Values" });

    private static bool IsTryGetValueOut(ArgumentSyntax argument)
        => argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword)
           && argument.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TryGetValue" } } };
}
