using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// An object changed after its method handed it to another thread through a channel or a concurrent collection that
/// the type itself reads (FL1001):
/// <code>
/// var declaration = new Declaration { DeclaredValue = row.Value };
/// await _channel.Writer.WriteAsync(declaration, ct);
/// declaration.DeclaredValue = row.Value * rate;   // the reader may already be checking DeclaredValue
/// </code>
/// </summary>
/// <remarks>
/// The hand-off is the ordering point: everything written before it is seen by the reader, nothing written after it
/// is ordered with the reader's reads. The object is in a local or a parameter. Reported only when the same type
/// reads the channel or collection in another member (so a reader on another thread is certain to exist) and the
/// object is of a class (a struct is copied in). A write under a <c>lock</c> is left alone; the lock rules judge it.
/// No fix is offered: a lock around the write excludes nothing the reader does, and the cure is to finish the object
/// before handing it over. Found from syntax first: only a call that hands over a variable whose members the method
/// writes afterwards is bound.
/// </remarks>
internal static class HandOffChanges
{
    /// <summary>Calls that hand an item to a reader on another thread, by the type that declares them.</summary>
    private static readonly string[] HandOffNames = ["WriteAsync", "TryWrite", "Enqueue", "Add", "TryAdd", "Push", "PushRange"];

    /// <summary>Calls through which the reader takes items (<c>_channel.Reader.ReadAllAsync()</c>, <c>_queue.TryDequeue(…)</c>).</summary>
    private static readonly string[] ReaderNames = ["ReadAllAsync", "ReadAsync", "TryRead", "TryPeek", "GetConsumingEnumerable", "Take", "TryTake", "TryDequeue", "TryPop"];

    private static readonly string[] CallNames = [.. ReaderNames, .. HandOffNames];

    /// <summary>The types whose fields hand items over; a field's declaration names its type, so its file does too.</summary>
    private static readonly string[] CollectionWords = ["Channel", "ConcurrentQueue", "ConcurrentStack", "ConcurrentBag", "BlockingCollection"];

    /// <summary>The reads, and the channel's reader handed out (<c>public ChannelReader&lt;T&gt; Reader =&gt; _queue.Reader;</c>).</summary>
    private static readonly string[] ReaderWords = [.. ReaderNames, "Reader"];

    /// <summary>Whether <paramref name="text"/> can hold a hand-off and its reader at all.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text)
        => SourceWords.Any(text, CollectionWords) && SourceWords.Any(text, ReaderWords) && SourceWords.Any(text, HandOffNames);

    /// <summary>Adds a finding for every member write of a handed-over variable in <paramref name="semanticModel"/>'s tree.</summary>
    /// <remarks>
    /// One walk of the file's calls finds the readers, by the field they read, and the hand-offs; only a hand-off to a
    /// field that another member of its type reads has its member's later writes looked for (on Npgsql, every
    /// <c>list.Add(x)</c> looked at its member's whole body first, 38–60 ms a compile).
    /// </remarks>
    public static void Find(SemanticModel semanticModel, RaceFindings findings, CancellationToken cancellationToken)
    {
        var readers = new Dictionary<CompositeKey, List<MemberDeclarationSyntax>>();
        var handOffs = new List<HandOff>();
        foreach (var call in SourceWords.InvocationsNamed(semanticModel.SyntaxTree.GetRoot(cancellationToken), CallNames))
        {
            if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } access
                || !(Array.IndexOf(ReaderNames, name) >= 0 || Array.IndexOf(HandOffNames, name) >= 0 && call.ArgumentList.Arguments.Count > 0)
                || RootField(access.Expression) is not { } field
                || call.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { Parent: TypeDeclarationSyntax type } member)
            {
                continue;
            }

            if (Array.IndexOf(ReaderNames, name) >= 0)
            {
                var key = new CompositeKey(type, field);
                if (!readers.TryGetValue(key, out var members))
                {
                    readers[key] = members = new List<MemberDeclarationSyntax>();
                }

                members.Add(member);
            }
            else if (call.ArgumentList.Arguments[0].Expression is IdentifierNameSyntax item)
            {
                handOffs.Add(new HandOff(call, item, field, member, type));
            }
        }

        // A member that hands out a channel's reader to the type's callers: they read it, on their own threads.
        var handingOut = new HashSet<MemberDeclarationSyntax>();
        if (handOffs.Count > 0)
        {
            foreach (var token in SourceWords.IdentifiersNamed(semanticModel.SyntaxTree.GetRoot(cancellationToken), "Reader"))
            {
                if (HandedOutReader(token) is not { } handedOut || RootField(handedOut.Access.Expression) is not { } field)
                {
                    continue;
                }

                var key = new CompositeKey(handedOut.Type, field);
                if (!readers.TryGetValue(key, out var members))
                {
                    readers[key] = members = new List<MemberDeclarationSyntax>();
                }

                members.Add(handedOut.Member);
                handingOut.Add(handedOut.Member);
            }
        }

        foreach (var (call, item, fieldName, member, type) in handOffs)
        {
            if (!readers.TryGetValue(new CompositeKey(type, fieldName), out var readingMembers) || readingMembers.FirstOrDefault(m => m != member) is not { } reading)
            {
                continue;
            }

            var writes = WritesAfter(member, item.Identifier.ValueText, call);
            var nextPass = WritesInNextPass(item.Identifier.ValueText, call);
            writes.AddRange(nextPass);
            if (writes.Count == 0)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (semanticModel.GetOperation(call, cancellationToken) is not IInvocationOperation { TargetMethod.ContainingType: { } collection } invocation
                || !IsHandOffType(collection)
                || !StartsAtOwnState(invocation.Instance)
                || HandedVariable(invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value) is not { } local)
            {
                continue;
            }

            var handedAt = call.GetLocation();
            var line = handedAt.GetLineSpan().StartLinePosition.Line + 1;
            var memberName = NameOf(member, semanticModel, cancellationToken);
            var reader = NameOf(reading, semanticModel, cancellationToken);
            foreach (var write in writes)
            {
                var (instance, state) = semanticModel.GetOperation(write.Parent is InvocationExpressionSyntax changing && changing.Expression == write ? changing : write, cancellationToken) switch
                {
                    IMemberReferenceOperation reference => (reference.Instance, (ISymbol?)reference.Member),
                    IInvocationOperation { TargetMethod.ContainingNamespace: var ns } mutation when ns?.ToDisplayString().StartsWith("System.Collections", StringComparison.Ordinal) == true
                        => (mutation.Instance, HandedVariable(mutation.Instance)),
                    _ => (null, null),
                };
                if (state is not null && SymbolEqualityComparer.Default.Equals(HandedVariable(instance), local))
                {
                    findings.Add(DiagnosticIds.SharedStateMutation, write.Parent!.GetLocation(), handedAt, state, lockName: null,
                        [state.Name, memberName, nextPass.Contains(write)
                            ? $"'{local.Name}' was handed to '{fieldName}' at line {line} in the loop's previous pass, and '{reader}' may still be reading it on another thread (make a new object for each pass)"
                            : handingOut.Contains(reading)
                                ? $"'{local.Name}' was handed to '{fieldName}' at line {line}, and the readers of the channel '{reader}' hands out may already be reading it on another thread"
                                : $"'{local.Name}' was handed to '{fieldName}' at line {line}, and '{reader}' may already be reading it on another thread"],
                        handedOver: true);
                }
            }
        }
    }

    /// <summary>
    /// <c>_queue.Reader</c> returned by a member of its type that its callers can call (<c>public ChannelReader&lt;Order&gt;
    /// Reader =&gt; _queue.Reader;</c>), or null: read there (<c>_queue.Reader.Count</c>) or kept in a private member, the
    /// reader is no sign of another thread.
    /// </summary>
    private static (MemberAccessExpressionSyntax Access, MemberDeclarationSyntax Member, TypeDeclarationSyntax Type)? HandedOutReader(SyntaxToken token)
    {
        if (token.Parent is not IdentifierNameSyntax name || name.Parent is not MemberAccessExpressionSyntax access || access.Name != name
            || access.Parent is not (ArrowExpressionClauseSyntax or ReturnStatementSyntax)
            || access.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { Parent: TypeDeclarationSyntax type } member
            || member is not (PropertyDeclarationSyntax or MethodDeclarationSyntax)
            || !member.Modifiers.Any(modifier => modifier.IsKind(SyntaxKind.PublicKeyword) || modifier.IsKind(SyntaxKind.InternalKeyword) || modifier.IsKind(SyntaxKind.ProtectedKeyword)))
        {
            return null;
        }

        return (access, member, type);
    }

    /// <summary>The field the call's receiver starts from (<c>_channel</c> in <c>_channel.Writer</c>, <c>this._queue</c>), or null.</summary>
    private static string? RootField(ExpressionSyntax receiver)
    {
        while (true)
        {
            switch (receiver)
            {
                case IdentifierNameSyntax identifier:
                    return identifier.Identifier.ValueText;
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name }:
                    return name.Identifier.ValueText;
                case MemberAccessExpressionSyntax { Expression: var inner }:
                    receiver = inner;
                    break;
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// The member-access targets of writes to <paramref name="local"/>'s members after <paramref name="call"/> in
    /// <paramref name="member"/>, up to an assignment of the local itself (then it holds another object), outside
    /// any <c>lock</c>.
    /// </summary>
    private static List<MemberAccessExpressionSyntax> WritesAfter(MemberDeclarationSyntax member, string local, InvocationExpressionSyntax call)
    {
        var writes = new List<MemberAccessExpressionSyntax>();
        var after = call.Span.End;
        foreach (var node in member.DescendantNodes())
        {
            if (node.SpanStart < after)
            {
                continue;
            }

            var target = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression) => postfix.Operand,
                PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression) => prefix.Operand,
                _ => null,
            };
            if (target is IdentifierNameSyntax reassigned && reassigned.Identifier.ValueText == local)
            {
                break;
            }

            if ((target ?? MutatingCall(node)) is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner } written
                && owner.Identifier.ValueText == local
                && node.FirstAncestorOrSelf<LockStatementSyntax>() is null
                && !InCatchOfFailedHandOff(node, call))
            {
                writes.Add(written);
            }
        }

        return writes;
    }

    /// <summary>Calls that change a collection in place: the handed-over list cleared or refilled (set bc R15).</summary>
    private static readonly HashSet<string> Mutators = new(StringComparer.Ordinal)
    {
        "Add", "AddRange", "Clear", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "Reverse", "Sort",
    };

    /// <summary><c>batch.Clear</c> of a call <c>batch.Clear()</c> whose name changes a collection in place, or null.</summary>
    private static MemberAccessExpressionSyntax? MutatingCall(SyntaxNode node)
        => node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } access } && Mutators.Contains(name) ? access : null;

    /// <summary>
    /// Whether <paramref name="write"/> is in a catch clause of a <c>try</c> whose block ends with the hand-off
    /// <paramref name="call"/>: the catch runs only when the hand-off itself threw, and then nothing was handed over
    /// (set y C26: a render job's error stored in the catch of a <c>try</c> that ends by writing the job to the done
    /// channel).
    /// </summary>
    private static bool InCatchOfFailedHandOff(SyntaxNode write, InvocationExpressionSyntax call)
    {
        if (write.FirstAncestorOrSelf<CatchClauseSyntax>() is not { Parent: TryStatementSyntax @try }
            || !@try.Block.Span.Contains(call.Span)
            || call.FirstAncestorOrSelf<StatementSyntax>() is not { } statement)
        {
            return false;
        }

        // The hand-off's statement is the last of its block or a branch of an 'if', and so is every statement around it
        // up to the try's block (a loop's body is not: its next pass runs after it).
        SyntaxNode current = statement;
        while (current != @try.Block)
        {
            switch (current.Parent)
            {
                case BlockSyntax block when block.Statements.Last() == current:
                case IfStatementSyntax branch when branch.Statement == current:
                    current = current.Parent;
                    break;
                case ElseClauseSyntax { Parent: IfStatementSyntax branch }:
                    current = branch;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The member-access targets of writes to <paramref name="local"/>'s members before <paramref name="call"/> in the
    /// innermost loop around it, when the loop neither declares nor assigns the local: each pass changes the object the
    /// previous pass handed over (one scratch object filled and written to a channel again and again).
    /// </summary>
    private static List<MemberAccessExpressionSyntax> WritesInNextPass(string local, InvocationExpressionSyntax call)
    {
        var writes = new List<MemberAccessExpressionSyntax>();
        var loop = call.Ancestors().TakeWhile(static node => node is not (MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .FirstOrDefault(static node => node is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax);
        if (loop is null)
        {
            return writes;
        }

        // The loop's own variable ('foreach (var page in pages)') is a new one each pass, as one declared in its body is.
        foreach (var node in loop.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax { Identifier.ValueText: var declared } when declared == local:
                case SingleVariableDesignationSyntax { Identifier.ValueText: var designated } when designated == local:
                case ForEachStatementSyntax { Identifier.ValueText: var iterated } when iterated == local:
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: var assigned } } when assigned == local:
                    return new List<MemberAccessExpressionSyntax>(); // a new object each pass
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner } written }
                    when owner.Identifier.ValueText == local && node.SpanStart < call.SpanStart && node.FirstAncestorOrSelf<LockStatementSyntax>() is null:
                    writes.Add(written);
                    break;
                case InvocationExpressionSyntax when MutatingCall(node) is { Expression: IdentifierNameSyntax owner } changed
                                                     && owner.Identifier.ValueText == local && node.SpanStart < call.SpanStart && node.FirstAncestorOrSelf<LockStatementSyntax>() is null:
                    writes.Add(changed);
                    break;
            }
        }

        return writes;
    }

    /// <summary>
    /// The local, by-value parameter or <c>readonly</c> field of the object itself (<c>_pending</c>: the same object on
    /// every call) that <paramref name="value"/> reads, when it holds an object of a class.
    /// </summary>
    private static ISymbol? HandedVariable(IOperation? value) => value switch
    {
        ILocalReferenceOperation { Local: { Type.IsReferenceType: true } local } => local,
        IParameterReferenceOperation { Parameter: { RefKind: RefKind.None, Type.IsReferenceType: true } parameter } => parameter,
        IFieldReferenceOperation { Field: { IsReadOnly: true, Type.IsReferenceType: true } field, Instance: null or IInstanceReferenceOperation } => field,
        _ => null,
    };

    /// <summary>Whether the collection is reached from a field or property of the object or type (not a local or parameter).</summary>
    private static bool StartsAtOwnState(IOperation? receiver)
    {
        while (true)
        {
            switch (receiver)
            {
                case IConversionOperation conversion:
                    receiver = conversion.Operand;
                    break;
                case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol, Instance: var instance }:
                    if (instance is null or IInstanceReferenceOperation)
                    {
                        return true;
                    }

                    receiver = instance;
                    break;
                default:
                    return false;
            }
        }
    }

    private static bool IsHandOffType(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        var ns = definition.ContainingNamespace?.ToDisplayString();
        return ns == "System.Threading.Channels" && definition.MetadataName == "ChannelWriter`1"
               || ns == "System.Collections.Concurrent" && definition.MetadataName is "BlockingCollection`1" or "ConcurrentQueue`1" or "ConcurrentStack`1" or "ConcurrentBag`1";
    }

    private static string NameOf(MemberDeclarationSyntax member, SemanticModel semanticModel, CancellationToken cancellationToken)
        => semanticModel.GetDeclaredSymbol(member, cancellationToken)?.Name ?? "the method";

    /// <summary>A call that hands an item to a field's collection, in its member and type (a class, not a tuple: see <see cref="CompositeKey"/>).</summary>
    private sealed class HandOff
    {
        private readonly InvocationExpressionSyntax _call;
        private readonly IdentifierNameSyntax _item;
        private readonly string _field;
        private readonly MemberDeclarationSyntax _member;
        private readonly TypeDeclarationSyntax _type;

        public HandOff(InvocationExpressionSyntax call, IdentifierNameSyntax item, string field, MemberDeclarationSyntax member, TypeDeclarationSyntax type)
        {
            _call = call;
            _item = item;
            _field = field;
            _member = member;
            _type = type;
        }

        public void Deconstruct(out InvocationExpressionSyntax call, out IdentifierNameSyntax item, out string field, out MemberDeclarationSyntax member, out TypeDeclarationSyntax type)
        {
            call = _call;
            item = _item;
            field = _field;
            member = _member;
            type = _type;
        }
    }
}
