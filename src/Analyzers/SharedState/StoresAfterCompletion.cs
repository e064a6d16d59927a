using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A field stored after the code that stores it completed a <c>TaskCompletionSource</c> that another member of the
/// type awaits before it reads that field, or a member of the object the source belongs to (<c>job.Assigned</c>, then
/// <c>job.AssignedAt = …</c>) (FL1001):
/// <code>
/// _completion.TrySetResult(forecast);        // GetReportAsync resumes here, on another thread
/// _modelRunTime = stopwatch.Elapsed;         // ... and may already have read _modelRunTime
/// </code>
/// </summary>
/// <remarks>
/// Completing the task is the ordering point: what was stored before it is seen by the code after the waiter's
/// <c>await</c>, what is stored after it is not. Reported only when the store follows the completion in sequence
/// (a later statement of the same body, not another branch of an <c>if</c>), outside a <c>lock</c>, and another member
/// awaits the same source's task and then reads the field by name. No fix is offered: the store belongs before the
/// completion. Found from syntax first; only such a store is bound.
/// </remarks>
internal static class StoresAfterCompletion
{
    private static readonly string[] CompletionNames = ["TrySetResult", "SetResult", "TrySetException", "SetException", "TrySetCanceled", "SetCanceled"];

    private static readonly string[] SourceWord = ["TaskCompletionSource"];

    /// <summary>Whether <paramref name="text"/> can hold a completion source that is completed.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text)
        => SourceWords.Any(text, SourceWord) && SourceWords.Any(text, CompletionNames);

    private static readonly string[] AwaitWord = ["await"];

    /// <summary>
    /// The completions' calls and the awaits, in document order: found from their words' places in the text
    /// (<see cref="SourceWords.InvocationsNamed"/>), so that only those are looked at in a long file; every node when a
    /// Unicode escape can spell them anywhere.
    /// </summary>
    private static IEnumerable<SyntaxNode> Candidates(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        if (SourceWords.Positions(tree.GetText(cancellationToken), AwaitWord) is not { } awaits)
        {
            return root.DescendantNodes();
        }

        var nodes = new List<SyntaxNode>(SourceWords.InvocationsNamed(root, CompletionNames));
        foreach (var position in awaits)
        {
            if (root.FindToken(position).Parent is AwaitExpressionSyntax awaited)
            {
                nodes.Add(awaited);
            }
        }

        // As a walk of every node meets them: by position, a call before the calls it contains.
        nodes.Sort(static (a, b) => a.SpanStart != b.SpanStart ? a.SpanStart.CompareTo(b.SpanStart) : b.Span.Length.CompareTo(a.Span.Length));
        return nodes;
    }

    /// <summary>Adds a finding for every field stored after a completion that another member awaits before reading it.</summary>
    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var completions = new List<Completion>();
        var awaits = new List<Waiter>();
        foreach (var node in Candidates(semanticModel.SyntaxTree, cancellationToken))
        {
            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } access } call
                && Array.IndexOf(CompletionNames, name) >= 0
                && SourceOf(access.Expression) is ({ } completed, var owner)
                && call.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { Parent: TypeDeclarationSyntax completingType } completing)
            {
                completions.Add(new Completion(call, completed, owner, completing, completingType));
            }
            else if (node is AwaitExpressionSyntax awaited
                     && AwaitedSource(awaited.Expression) is { } source
                     && awaited.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { Parent: TypeDeclarationSyntax awaitingType } awaiting)
            {
                awaits.Add(new Waiter(awaited, source, awaiting, awaitingType));
            }
        }

        foreach (var (call, source, owner, member, type) in completions)
        {
            foreach (var (store, written) in StoresAfter(call, owner, member))
            {
                if (awaits.FirstOrDefault(a => a.Type == type && a.Source == source && a.Member != member && ReadsAfter(a.Member, a.Await, written)) is not { } waiter)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (semanticModel.GetOperation(call, cancellationToken) is not IInvocationOperation { TargetMethod.ContainingType: { } completionType }
                    || !IsCompletionSource(completionType)
                    || semanticModel.GetOperation(store, cancellationToken) is not IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } reference
                    || !(owner is null ? reference.Instance is null or IInstanceReferenceOperation : reference.Instance is ILocalReferenceOperation or IParameterReferenceOperation))
                {
                    continue;
                }

                var line = call.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                findings.Add(DiagnosticIds.SharedStateMutation, store.Parent!.GetLocation(), call.GetLocation(), reference.Member, lockName: null,
                    [reference.Member.Name, NameOf(member, semanticModel, cancellationToken),
                     $"it is stored after '{source}' was completed at line {line}, and '{NameOf(waiter.Member, semanticModel, cancellationToken)}' reads it once it has awaited '{source}.Task'"],
                    handedOver: true);
            }
        }
    }

    /// <summary>The completion source whose task <paramref name="expression"/> awaits (<c>_done.Task</c>, <c>_done.Task.WaitAsync(ct).ConfigureAwait(false)</c>).</summary>
    private static string? AwaitedSource(ExpressionSyntax expression)
    {
        while (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" or "WaitAsync" } wrapped })
        {
            expression = wrapped.Expression;
        }

        return expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Task", Expression: var holder } ? SourceOf(holder).Source : null;
    }

    /// <summary>
    /// The completion source's name, and the variable it is reached through: <c>_done</c> or <c>this._done</c> (a field
    /// of the object, no variable), or <c>job.Assigned</c> (a member of the object in <c>job</c>).
    /// </summary>
    private static (string? Source, string? Owner) SourceOf(ExpressionSyntax receiver) => receiver switch
    {
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: var name } => (name.Identifier.ValueText, owner.Identifier.ValueText),
        _ => (NullCheckedReads.NameOf(receiver), null),
    };

    /// <summary>
    /// The stores that follow <paramref name="call"/> in sequence in the same body, outside any <c>lock</c>, with the
    /// name stored: of a field or property named alone (<c>_x = …</c>, <c>this._x += …</c>), or, when the source is
    /// reached through the variable <paramref name="owner"/>, of a member of that variable (<c>job.AssignedAt = …</c>).
    /// </summary>
    private static List<(ExpressionSyntax Store, string Name)> StoresAfter(InvocationExpressionSyntax call, string? owner, MemberDeclarationSyntax member)
    {
        var stores = new List<(ExpressionSyntax, string)>();
        var body = MethodSyntaxFacts.FunctionOf(call);
        foreach (var node in member.DescendantNodes())
        {
            if (node.SpanStart < call.Span.End || node is not AssignmentExpressionSyntax assignment
                || StoredName(assignment.Left, owner) is not { } name
                || MethodSyntaxFacts.FunctionOf(node) != body
                || node.FirstAncestorOrSelf<LockStatementSyntax>() is not null
                || !FollowsInSequence(call, node))
            {
                continue;
            }

            stores.Add((assignment.Left, name));
        }

        return stores;
    }

    private static string? StoredName(ExpressionSyntax target, string? owner) => owner is null
        ? NullCheckedReads.NameOf(target)
        : target is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax variable, Name: var name } && variable.Identifier.ValueText == owner
            ? name.Identifier.ValueText
            : null;

    /// <summary>Whether <paramref name="later"/> is in a statement that comes after <paramref name="first"/>'s in a block both are in.</summary>
    private static bool FollowsInSequence(SyntaxNode first, SyntaxNode later)
    {
        for (var node = first; node is not null and not (MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax); node = node.Parent)
        {
            if (node is StatementSyntax statement && node.Parent is BlockSyntax block)
            {
                for (var i = block.Statements.IndexOf(statement) + 1; i < block.Statements.Count; i++)
                {
                    if (block.Statements[i].Span.Contains(later.Span))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="member"/> reads <paramref name="name"/> after <paramref name="awaited"/>.</summary>
    private static bool ReadsAfter(MemberDeclarationSyntax member, AwaitExpressionSyntax awaited, string name)
    {
        foreach (var token in member.DescendantTokens())
        {
            if (token.SpanStart > awaited.Span.End && token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name
                && !(token.Parent is IdentifierNameSyntax identifier && identifier.Parent is AssignmentExpressionSyntax { Left: var left } && left == identifier))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCompletionSource(INamedTypeSymbol type)
        => type.OriginalDefinition.MetadataName is "TaskCompletionSource`1" or "TaskCompletionSource"
           && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    private static string NameOf(MemberDeclarationSyntax member, SemanticModel semanticModel, CancellationToken cancellationToken)
        => semanticModel.GetDeclaredSymbol(member, cancellationToken)?.Name ?? "the method";

    // Classes, not tuples, in the lists of Find: see CompositeKey.

    /// <summary>A call that completes a source, the source's name and owner, and the member and type it is in.</summary>
    private sealed class Completion
    {
        private readonly InvocationExpressionSyntax _call;
        private readonly string _source;
        private readonly string? _owner;
        private readonly MemberDeclarationSyntax _member;
        private readonly TypeDeclarationSyntax _type;

        public Completion(InvocationExpressionSyntax call, string source, string? owner, MemberDeclarationSyntax member, TypeDeclarationSyntax type)
        {
            _call = call;
            _source = source;
            _owner = owner;
            _member = member;
            _type = type;
        }

        public void Deconstruct(out InvocationExpressionSyntax call, out string source, out string? owner, out MemberDeclarationSyntax member, out TypeDeclarationSyntax type)
        {
            call = _call;
            source = _source;
            owner = _owner;
            member = _member;
            type = _type;
        }
    }

    /// <summary>An await of a source's task, and the member and type it is in.</summary>
    private sealed class Waiter
    {
        public Waiter(AwaitExpressionSyntax await, string source, MemberDeclarationSyntax member, TypeDeclarationSyntax type)
        {
            Await = await;
            Source = source;
            Member = member;
            Type = type;
        }

        public AwaitExpressionSyntax Await { get; }

        public string Source { get; }

        public MemberDeclarationSyntax Member { get; }

        public TypeDeclarationSyntax Type { get; }
    }
}
