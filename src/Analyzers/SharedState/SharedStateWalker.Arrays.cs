using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// The contents of shared arrays. Parallel code writes its own elements of a shared array all the time and correctly
/// (<c>results[i] = f(i)</c> in <c>Parallel.For</c>), so only two shapes count as changing the array concurrently:
/// a read-modify-write of an element that other iterations can reach too (<c>counts[bucket]++</c>,
/// <c>bodies[j].Force += f</c> for a <c>j</c> of a loop that other iterations also run over), and filling a whole
/// shared array (<c>stream.Read(_buffer, …)</c>, <c>Array.Copy(…, _scratch, …)</c>): a scratch buffer kept in a field
/// and filled by every call.
/// </summary>
internal sealed partial class SharedStateWalker
{
    /// <summary>Methods that write into an array (or a span or memory over one) handed to them.</summary>
    private static readonly HashSet<string> FillingMethods = new(StringComparer.Ordinal)
    {
        "Read", "ReadAsync", "ReadExactly", "ReadExactlyAsync", "ReadAtLeast", "ReadAtLeastAsync", "ReadBlock", "ReadBlockAsync",
        "NextBytes", "GetBytes", "GetChars", "GetNonZeroBytes", "Fill", "Clear", "Copy", "ConstrainedCopy", "BlockCopy", "CopyTo", "TryCopyTo",
        "Reverse", "Sort", "Shuffle",
    };

    /// <summary>The names the BCL gives the parameter that such a method writes into.</summary>
    private static readonly HashSet<string> FilledParameters = new(StringComparer.Ordinal)
    {
        "buffer", "array", "destinationArray", "dst", "destination", "bytes", "chars", "data", "items", "keys", "span",
    };

    /// <summary>Records a read-modify-write of a shared array's element that other iterations can reach; false when <paramref name="target"/> is no such element.</summary>
    private bool RecordElementUpdate(IOperation target, IOperation write, Frame frame)
    {
        var element = target switch
        {
            IArrayElementReferenceOperation direct => direct,

            // 'bodies[j].Force += f': a field of a struct element is part of the element.
            IFieldReferenceOperation { Instance: { } instance } when ConcurrentEntryFinder.Strip(instance) is IArrayElementReferenceOperation inStruct => inStruct,
            _ => null,
        };
        if (element is null)
        {
            return false;
        }

        var readsFirst = write is ICompoundAssignmentOperation or IIncrementOrDecrementOperation or ICoalesceAssignmentOperation;
        if (readsFirst && element.Indices.Length == 1 && ArraySpec(element.ArrayReference) is { } array && !IsOwnElement(element.Indices[0], frame))
        {
            Record(array, AccessKind.CollectionMutation, new Site(write), frame);
        }
        else if (element.Indices.Length == 1 && ArraySpec(element.ArrayReference) is { } written && ReadsNeighbour(element, write, frame))
        {
            Record(written, AccessKind.CollectionMutation, new Site(write), frame);
        }
        else if (element.Indices.Length == 1 && ConcurrentEntryFinder.Strip(element.ArrayReference) is IFieldReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation
                 && RunsFromAConstant(element.Indices[0]) && ArraySpec(element.ArrayReference) is { } scratch)
        {
            // 'for (var k = 0; k < n; k++) s_expected[k] = …': every run fills the same elements of a shared scratch array.
            Record(scratch, AccessKind.CollectionMutation, new Site(write), frame);
        }

        return true;
    }

    /// <summary>
    /// Whether the parallel loop body that writes <paramref name="element"/> at its own index (<c>t[i] = …</c>) also
    /// reads the same array at the index of a neighbouring iteration (<c>t[i - 1]</c>, <c>t[i + 1]</c>): an in-place
    /// stencil, where one iteration reads what the next one writes at the same time.
    /// </summary>
    private bool ReadsNeighbour(IArrayElementReferenceOperation element, IOperation write, Frame frame)
    {
        if (!IsParallelLoopBody(frame, out var iteration) || iteration is null
            || IterationOffset(element.Indices[0], iteration) is not { } writtenAt
            || ArrayVariable(element.ArrayReference) is not { } array)
        {
            return false;
        }

        var body = write.Parent;
        while (body is not null and not IAnonymousFunctionOperation)
        {
            body = body.Parent;
        }

        if (body?.Syntax != frame.CaptureBoundary)
        {
            return false; // written in a helper: its reads are not the body's
        }

        foreach (var read in body.Descendants().OfType<IArrayElementReferenceOperation>())
        {
            if (read.Indices.Length == 1 && !IsAssignmentTarget(read)
                && SymbolEqualityComparer.Default.Equals(ArrayVariable(read.ArrayReference), array)
                && IterationOffset(read.Indices[0], iteration) is { } readAt && readAt != writtenAt)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The field, local or parameter that holds an array, or null.</summary>
    private static ISymbol? ArrayVariable(IOperation array) => ConcurrentEntryFinder.Strip(array) switch
    {
        IFieldReferenceOperation field => field.Field,
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    /// <summary>The constant offset of <paramref name="index"/> from the iteration's index (<c>i</c>: 0, <c>i - 1</c>: -1), or null.</summary>
    private static long? IterationOffset(IOperation index, IParameterSymbol iteration)
    {
        static bool IsIteration(IOperation operation, IParameterSymbol iteration)
            => ConcurrentEntryFinder.Strip(operation) is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, iteration);

        static long? Constant(IOperation operation)
            => ConcurrentEntryFinder.Strip(operation).ConstantValue is { HasValue: true, Value: int or long } constant ? Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture) : null;

        index = ConcurrentEntryFinder.Strip(index);
        return index switch
        {
            _ when IsIteration(index, iteration) => 0,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when IsIteration(add.LeftOperand, iteration) => Constant(add.RightOperand),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when IsIteration(add.RightOperand, iteration) => Constant(add.LeftOperand),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } subtract when IsIteration(subtract.LeftOperand, iteration) => -Constant(subtract.RightOperand),
            _ => null,
        };
    }

    /// <summary>
    /// A store into a member of the iteration's own element of a shared list or array (<c>var body = bodies[i]; …
    /// body.Position += …</c>) in the body of a parallel loop that also reads the same member of any element
    /// (<c>var other = bodies[j];</c> for a <c>j</c> of a loop over all of them, then <c>other.Position</c>): one
    /// iteration moves a body while another measures its distance to it (set f R14). Recorded as a write and a read of
    /// that member of the collection's elements; a store no such read meets stays the iteration's own.
    /// </summary>
    private void RecordOwnElementStore(IOperation target, IOperation write, Frame frame)
    {
        if (target is not IMemberReferenceOperation { Instance: { } instance, Member: var member }
            || !IsParallelLoopBody(frame, out _)
            || frame.CaptureBoundary is not { } boundary
            || ElementOf(instance, frame) is not ({ } collection, true)
            || ElementHolder(collection) is not { } holder
            || _semanticModels(boundary.SyntaxTree).GetOperation(boundary, _cancellationToken) is not { } body)
        {
            return;
        }

        foreach (var read in body.Descendants().OfType<IMemberReferenceOperation>())
        {
            if (SymbolEqualityComparer.Default.Equals(read.Member.OriginalDefinition, member.OriginalDefinition)
                && !IsAssignmentTarget(read)
                && read.Instance is { } other
                && ElementOf(other, frame) is ({ } otherCollection, false)
                && SymbolEqualityComparer.Default.Equals(ElementHolder(otherCollection), holder)
                && OwnerOfElements(collection) is { } owner)
            {
                var elements = StateSpec.Instance(member.OriginalDefinition, owner);
                Record(elements, AccessKind.Write, new Site(write), frame);
                Record(elements, AccessKind.Read, new Site(read), frame);
                return;
            }
        }
    }

    /// <summary>
    /// For an element of a list or array (<c>bodies[i]</c>, or a local declared from one and not assigned again): the
    /// collection, and whether the element is the iteration's own (<see cref="IsOwnElement"/>); or null.
    /// </summary>
    private (IOperation? Collection, bool Own) ElementOf(IOperation instance, Frame frame)
    {
        var value = ConcurrentEntryFinder.Strip(instance);
        if (value is ILocalReferenceOperation { Local: var local })
        {
            if (local.Type is not { IsReferenceType: true } || IsShared(local, frame) || IsAssignedAgain(local))
            {
                return (null, false); // a struct element copied into a local is the iteration's copy (set f C14)
            }

            value = InitialValue(local) is { } initial ? ConcurrentEntryFinder.Strip(initial) : value;
        }

        return value switch
        {
            IArrayElementReferenceOperation { Indices.Length: 1 } element => (element.ArrayReference, IsOwnElement(element.Indices[0], frame)),
            IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } list } indexed when !IsKeyed(list)
                => (list, IsOwnElement(indexed.Arguments[0].Value, frame)),
            _ => (null, false),
        };
    }

    /// <summary>Whether a local is stored into after its declaration, or passed by <c>ref</c>/<c>out</c> (read on syntax, in the function that declares it).</summary>
    private bool IsAssignedAgain(ILocalSymbol local)
    {
        if (local.DeclaringSyntaxReferences.Length != 1 || local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is not { } declarator
            || MethodSyntaxFacts.FunctionOf(declarator) is not { } function)
        {
            return true;
        }

        foreach (var token in SourceWords.IdentifiersNamed(function, local.Name))
        {
            if (token.Parent is IdentifierNameSyntax name && ConcurrentEntryFinder.IsWritten(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The field, local or parameter that holds a list or array of elements (<see cref="ArrayVariable"/>).</summary>
    private static ISymbol? ElementHolder(IOperation collection) => ArrayVariable(collection)?.OriginalDefinition;

    /// <summary>The owner of a member of the collection's elements: shared exactly when the collection is.</summary>
    private static OwnerSpec? OwnerOfElements(IOperation collection)
        => ConcurrentEntryFinder.Strip(collection) switch
        {
            IFieldReferenceOperation { Field.IsStatic: true } field => OwnerSpec.Fixed(field.Field.OriginalDefinition),
            IFieldReferenceOperation field => OwnerOf(field.Instance).Through(field.Field.OriginalDefinition),
            ILocalReferenceOperation local => OwnerSpec.Variable(local.Local),
            IParameterReferenceOperation parameter => OwnerSpec.Variable(parameter.Parameter),
            _ => null,
        };

    /// <summary>
    /// The parameters of a method called with the variable of a loop over a collection field (<c>foreach (var lane in
    /// _lanes) thief.TryStealFrom(lane)</c>), or with a parameter given one, each with that field; null when there is
    /// none (see <see cref="ElementKeys"/>).
    /// </summary>
    private Dictionary<ISymbol, ISymbol>? ElementArguments(IOperation? call, Frame frame)
    {
        if (call is not IInvocationOperation invocation)
        {
            return null;
        }

        Dictionary<ISymbol, ISymbol>? elements = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { RefKind: RefKind.None, Type.TypeKind: TypeKind.Class } parameter || argument.ArgumentKind != ArgumentKind.Explicit)
            {
                continue;
            }

            var field = ConcurrentEntryFinder.Strip(argument.Value) switch
            {
                ILocalReferenceOperation { Local: var local } when !IsShared(local, frame) => ElementKeys.LoopedField(local, _semanticModels, _cancellationToken),
                IParameterReferenceOperation { Parameter: var given } when frame.ElementParameters is { } known => known.TryGetValue(given.OriginalDefinition, out var looped) ? looped : null,
                _ => null,
            };
            if (field is not null)
            {
                (elements ??= new Dictionary<ISymbol, ISymbol>(SymbolEqualityComparer.Default))[parameter.OriginalDefinition] = field;
            }
        }

        return elements;
    }

    /// <summary>
    /// Records a change of a collection held in a shared array's element that other iterations can reach too
    /// (<c>_cells[cellOf(agent)].Add(i)</c> in <c>Parallel.For</c>): two agents in one cell add to one list at once.
    /// </summary>
    private void RecordElementMutation(IOperation receiver, IInvocationOperation mutation, Frame frame)
    {
        if (ConcurrentEntryFinder.Strip(receiver) is IArrayElementReferenceOperation { Indices.Length: 1 } element
            && _types.IsUnsafeCollection(element.Type)
            && ArraySpec(element.ArrayReference) is { } array && !IsOwnElement(element.Indices[0], frame))
        {
            Record(array, AccessKind.CollectionMutation, new Site(mutation), frame);
        }
    }

    /// <summary>
    /// The parameters of a method called from a parallel loop's body (or from a helper given such an index) that
    /// receive an integer the iteration does not own; null when there is none.
    /// </summary>
    private HashSet<ISymbol>? ForeignIndexArguments(IOperation? call, Frame frame)
    {
        if (call is not IInvocationOperation invocation || !(IsParallelLoopBody(frame, out _) || frame.ForeignIndices is not null))
        {
            return null;
        }

        HashSet<ISymbol>? foreign = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { RefKind: RefKind.None, Type.SpecialType: SpecialType.System_Int32 or SpecialType.System_Int64 } parameter
                && argument.ArgumentKind == ArgumentKind.Explicit && !IsOwnElement(argument.Value, frame))
            {
                (foreign ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(parameter.OriginalDefinition);
            }
        }

        return foreign;
    }

    /// <summary>Records a call that fills a shared array (or a span or memory over one) passed to it.</summary>
    private void RecordArrayFill(IInvocationOperation invocation, Frame frame)
    {
        if (!FillingMethods.Contains(invocation.TargetMethod.Name))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { RefKind: RefKind.None } parameter || !FilledParameters.Contains(parameter.Name) || !IsWritableBuffer(parameter.Type))
            {
                continue;
            }

            if (ArraySpec(UnderlyingArray(argument.Value)) is { } array)
            {
                Record(array, AccessKind.CollectionMutation, new Site(invocation), frame);
            }
        }

        // 'source.CopyTo(_buffer)' on an array or span: the receiver is read, the argument written (above).
    }

    private static bool IsWritableBuffer(ITypeSymbol type)
        => type is IArrayTypeSymbol
           || type is INamedTypeSymbol { Name: "Span" or "Memory", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>The array under <c>_buffer.AsSpan(…)</c>, <c>_buffer.AsMemory(…)</c> or an implicit conversion to a span.</summary>
    private static IOperation UnderlyingArray(IOperation value)
    {
        value = ConcurrentEntryFinder.Strip(value);
        if (value is IInvocationOperation { TargetMethod.Name: "AsSpan" or "AsMemory" } view)
        {
            var receiver = view.Instance ?? (view.Arguments.Length > 0 ? view.Arguments[0].Value : null);
            if (receiver is not null)
            {
                return ConcurrentEntryFinder.Strip(receiver);
            }
        }

        if (value is IObjectCreationOperation { Type.Name: "Span" or "Memory", Arguments.Length: > 0 } wrapped)
        {
            return ConcurrentEntryFinder.Strip(wrapped.Arguments[0].Value);
        }

        return value;
    }

    /// <summary>The array that <paramref name="value"/> names, if it can be shared: a field, or a captured local or parameter.</summary>
    private StateSpec? ArraySpec(IOperation value)
    {
        value = ConcurrentEntryFinder.Strip(value);
        return value.Type is IArrayTypeSymbol ? SharedObjectSpec(value) : null;
    }

    /// <summary>
    /// Whether the element at <paramref name="index"/> is the code's own. In the body of a parallel loop
    /// (<c>Parallel.For</c>/<c>ForEach</c>, PLINQ): the loop's index parameter, a local computed from it and from
    /// nothing the iterations share, or the variable of a loop that starts at a value the iteration owns
    /// (<c>for (var k = range.Item1; …)</c>; not <c>i + 1</c> or a constant, which other iterations run over too); an
    /// index computed from the item is not, since items repeat. Elsewhere (a task, a thread, a method called from the
    /// body), only a constant or a shared value as the index says that other threads reach the same element: anything
    /// computed from the code's own variables may be its own slot.
    /// </summary>
    private bool IsOwnElement(IOperation index, Frame frame)
    {
        index = ConcurrentEntryFinder.Strip(index);
        if (index is IParameterReferenceOperation { Parameter: var parameter } && frame.ForeignIndices?.Contains(parameter.OriginalDefinition) == true)
        {
            return false;
        }

        if (!IsParallelLoopBody(frame, out var iteration))
        {
            if (index is ILocalReferenceOperation { Local: var local } && ForLoopStart(local) is { } start)
            {
                return StartsOwnRange(start, frame);
            }

            return !(index.ConstantValue.HasValue || (IsSharedValue(index, frame) && !IsPerIteration(index) && !IsDistinctSelectorIndex(index)));
        }

        return IsFromIteration(index, iteration, frame, depth: 0);
    }

    private bool IsFromIteration(IOperation index, IParameterSymbol? iteration, Frame frame, int depth)
    {
        switch (ConcurrentEntryFinder.Strip(index))
        {
            case IParameterReferenceOperation parameter:
                return iteration is not null && SymbolEqualityComparer.Default.Equals(parameter.Parameter, iteration);
            case ILocalReferenceOperation local when depth < 4 && !IsShared(local.Local, frame):
                return LocalFromIteration(local.Local, iteration, frame, depth);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary:
                // 'i - from', 'offset + i': one side from the iteration, the other the same for every iteration.
                return (IsFromIteration(binary.LeftOperand, iteration, frame, depth + 1) && IsIterationInvariant(binary.RightOperand, frame))
                       || (binary.OperatorKind == BinaryOperatorKind.Add && IsFromIteration(binary.RightOperand, iteration, frame, depth + 1) && IsIterationInvariant(binary.LeftOperand, frame));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Multiply } scaled:
                // 'i * width + x' is another iteration's row only if the parts overlap: a scaled index is its own row.
                return (IsFromIteration(scaled.LeftOperand, iteration, frame, depth + 1) && scaled.RightOperand.ConstantValue.HasValue)
                       || (IsFromIteration(scaled.RightOperand, iteration, frame, depth + 1) && scaled.LeftOperand.ConstantValue.HasValue);
            default:
                return false;
        }
    }

    /// <summary>A local declared from the iteration's index, or the variable of a loop that starts at a value the iteration owns.</summary>
    private bool LocalFromIteration(ILocalSymbol local, IParameterSymbol? iteration, Frame frame, int depth)
    {
        if (ForLoopStart(local) is { } start)
        {
            return StartsOwnRange(start, frame);
        }

        return InitialValue(local) is { } value && IsFromIteration(value, iteration, frame, depth + 1);
    }

    /// <summary>
    /// Whether a loop from <paramref name="start"/> runs over a range of the code's own: <c>for (var k = range.Item1; …)</c>,
    /// <c>for (var k = start; …)</c> with a <c>start</c> of its own. A loop from a constant or from <c>i + 1</c> runs
    /// over elements that other iterations or threads run over too.
    /// </summary>
    private static bool StartsOwnRange(IOperation start, Frame frame) => ConcurrentEntryFinder.Strip(start) switch
    {
        IParameterReferenceOperation or ILocalReferenceOperation => !IsSharedValue(start, frame),
        IPropertyReferenceOperation { Instance: { } owner } => !IsSharedValue(owner, frame),
        IFieldReferenceOperation { Instance: { } owner } => !IsSharedValue(owner, frame),
        _ => false,
    };

    /// <summary>Whether <paramref name="index"/> is the variable of a <c>for</c> loop that starts at a constant.</summary>
    private bool RunsFromAConstant(IOperation index)
        => ConcurrentEntryFinder.Strip(index) is ILocalReferenceOperation { Local.DeclaringSyntaxReferences: { Length: 1 } declared }
           && declared[0].GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Parent.Parent: ForStatementSyntax, Initializer.Value: LiteralExpressionSyntax };

    /// <summary>The initial value of the variable of a <c>for</c> loop, or null when <paramref name="local"/> is not one.</summary>
    private IOperation? ForLoopStart(ILocalSymbol local)
        => local.DeclaringSyntaxReferences.Length == 1 && local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Parent.Parent: ForStatementSyntax }
            ? InitialValue(local)
            : null;

    private IOperation? InitialValue(ILocalSymbol local)
    {
        if (local.DeclaringSyntaxReferences.Length != 1 || local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator)
        {
            return null;
        }

        return _semanticModels(declarator.SyntaxTree).GetOperation(initial, _cancellationToken);
    }

    /// <summary>
    /// A captured local declared inside a loop: each pass of the loop has its own, so each task the loop starts gets
    /// its own slot (<c>var slot = t; tasks.Add(Task.Run(() =&gt; partial[slot] += …))</c>).
    /// </summary>
    private bool IsPerIteration(IOperation index)
    {
        if (ConcurrentEntryFinder.Strip(index) is not ILocalReferenceOperation { Local: var local } || local.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        for (var node = local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken).Parent; node is not null and not MemberDeclarationSyntax; node = node.Parent)
        {
            if (node is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax && !(node is ForStatementSyntax loop && loop.Declaration?.Variables.Any(v => v.Identifier.ValueText == local.Name) == true))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A parameter of a LINQ selector that no two of its calls share: each value of <c>Enumerable.Range(…).Select(i =&gt; …)</c>,
    /// or the index of <c>Select((item, i) =&gt; …)</c>. Work each call starts with it (<c>new Thread(() =&gt; sawn[i] += …)</c>)
    /// has a slot of its own. An item is not one: two items can be equal.
    /// </summary>
    private bool IsDistinctSelectorIndex(IOperation index)
    {
        if (ConcurrentEntryFinder.Strip(index) is not IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } } parameter }
            || parameter.Type.SpecialType != SpecialType.System_Int32
            || parameter.DeclaringSyntaxReferences.Length != 1
            || parameter.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken).FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not { } selector
            || selector.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Select" } select } } })
        {
            return false;
        }

        return parameter.Ordinal == 1
               || (parameter.Ordinal == 0 && select.Expression is InvocationExpressionSyntax
                   {
                       Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Range", Expression: IdentifierNameSyntax { Identifier.ValueText: "Enumerable" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Enumerable" } },
                   });
    }

    /// <summary>A constant, or a local or parameter the iterations share and do not change (a captured bound).</summary>
    private bool IsIterationInvariant(IOperation value, Frame frame)
    {
        value = ConcurrentEntryFinder.Strip(value);
        return value.ConstantValue.HasValue
               || value is ILocalReferenceOperation { Local: var local } && IsShared(local, frame)
               || value is IParameterReferenceOperation { Parameter: var parameter } && IsShared(parameter, frame)
               || value is IFieldReferenceOperation { Field.IsReadOnly: true } or IFieldReferenceOperation { Field.IsConst: true };
    }

    /// <summary>A value other threads see too: a field, or a captured local or parameter.</summary>
    private static bool IsSharedValue(IOperation value, Frame frame) => ConcurrentEntryFinder.Strip(value) switch
    {
        IFieldReferenceOperation => true,
        IPropertyReferenceOperation { Instance: null } => true,
        ILocalReferenceOperation local => IsShared(local.Local, frame),
        IParameterReferenceOperation parameter => IsShared(parameter.Parameter, frame),
        _ => false,
    };

    /// <summary>
    /// Whether the frame's body is the body of a parallel loop (a lambda handed to <c>For</c>, <c>ForEach</c>,
    /// <c>ForAll</c> or a PLINQ operator), and its index parameter if it has one: a <c>Parallel.For</c> body's first
    /// parameter, a <c>Parallel.ForEach</c> body's third, a PLINQ body's second.
    /// </summary>
    /// <summary>Which parameter of a parallel loop's body is the iteration's index, by the loop's name; -1 for other calls.</summary>
    private static int LoopIterationOrdinal(string? loop) => loop switch
    {
        "For" => 0,
        "ForEach" or "ForEachAsync" => 2,
        "Select" or "SelectMany" or "Where" or "ForAll" or "Aggregate" => 1,
        _ => -1,
    };

    /// <summary>For a start that is a parallel loop (<c>Parallel.For</c>, <c>ForEach</c>, PLINQ), the ordinal of its body's index parameter (see <see cref="LoopIterationOrdinal"/>); null otherwise.</summary>
    private static int? ParallelLoopOrdinal(IOperation start)
        => start is IInvocationOperation { Syntax: InvocationExpressionSyntax call } && LoopIterationOrdinal(ConcurrentEntryFinder.InvokedName(call.Expression)) is var ordinal and >= 0 ? ordinal : null;

    /// <summary>The method handed by name to the parallel loop being walked, and its index parameter's ordinal (see <see cref="Frame.LoopBodyMethod"/>).</summary>
    private (IMethodSymbol Method, int Ordinal)? _loopBody;

    private bool IsParallelLoopBody(Frame frame, out IParameterSymbol? iteration)
    {
        iteration = null;
        if (frame.LoopBodyMethod is { } method)
        {
            var index = frame.LoopIterationOrdinal;
            if (method.Parameters.Length > index && method.Parameters[index].Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64)
            {
                iteration = method.Parameters[index];
            }

            return true;
        }

        if (frame.CaptureBoundary is not AnonymousFunctionExpressionSyntax lambda || lambda.Parent is not ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax call })
        {
            return false;
        }

        var ordinal = LoopIterationOrdinal(ConcurrentEntryFinder.InvokedName(call.Expression));
        if (ordinal < 0)
        {
            return false;
        }

        if (_semanticModels(lambda.SyntaxTree).GetSymbolInfo(lambda, _cancellationToken).Symbol is IMethodSymbol function && function.Parameters.Length > ordinal
            && function.Parameters[ordinal].Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64)
        {
            iteration = function.Parameters[ordinal];
        }

        return true;
    }
}
