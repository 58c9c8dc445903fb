package lua

// minioscript patch: the default call stack grows as a program recurses, up to
// Options.CallStackSize frames, as Lua's does (upstream preallocated a fixed array of 256
// frames, so a recursion 257 deep failed). Frames live in segments that never move:
// callFrame.Parent, LState.currentFrame and the Go code running a frame keep pointers
// to them.

const (
	frameSegmentShift = 6
	frameSegmentSize  = 1 << frameSegmentShift // frames per segment (6 KiB)
	frameSegmentMask  = frameSegmentSize - 1
)

type growingCallFrameStack struct {
	segments []*[frameSegmentSize]callFrame
	sp       int
	max      int
}

func newGrowingCallFrameStack(maxSize int) *growingCallFrameStack {
	return &growingCallFrameStack{
		segments: []*[frameSegmentSize]callFrame{new([frameSegmentSize]callFrame)},
		max:      maxSize,
	}
}

func (cs *growingCallFrameStack) IsEmpty() bool { return cs.sp == 0 }

func (cs *growingCallFrameStack) IsFull() bool { return cs.sp >= cs.max }

func (cs *growingCallFrameStack) Push(v callFrame) {
	seg := cs.sp >> frameSegmentShift
	if seg == len(cs.segments) {
		cs.segments = append(cs.segments, new([frameSegmentSize]callFrame))
	}
	f := &cs.segments[seg][cs.sp&frameSegmentMask]
	*f = v
	f.Idx = cs.sp
	cs.sp++
}

func (cs *growingCallFrameStack) Sp() int { return cs.sp }

func (cs *growingCallFrameStack) SetSp(sp int) { cs.sp = sp }

func (cs *growingCallFrameStack) Last() *callFrame {
	if cs.sp == 0 {
		return nil
	}
	return cs.At(cs.sp - 1)
}

func (cs *growingCallFrameStack) At(sp int) *callFrame {
	return &cs.segments[sp>>frameSegmentShift][sp&frameSegmentMask]
}

func (cs *growingCallFrameStack) Pop() *callFrame {
	cs.sp--
	return cs.At(cs.sp)
}

func (cs *growingCallFrameStack) FreeAll() {
	cs.segments = nil
}

// trim forgets the frames above the top, whose functions would otherwise stay
// reachable, and frees the segments a deep recursion left unused (called by a full
// collection).
func (cs *growingCallFrameStack) trim() {
	keep := (cs.sp + frameSegmentMask) >> frameSegmentShift
	if keep == 0 {
		keep = 1
	}
	for i := keep; i < len(cs.segments); i++ {
		cs.segments[i] = nil
	}
	cs.segments = cs.segments[:keep:keep]
	if cs.sp&frameSegmentMask != 0 || cs.sp == 0 {
		clear(cs.segments[keep-1][cs.sp&frameSegmentMask:])
	}
}
