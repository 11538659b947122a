//go:build amd64 && !purego

// math.Exp four lanes at a time. The algorithm, its order of operations and
// its constants are those of the Go standard library's amd64 math.Exp, its
// FMA path (src/math/exp_amd64.s, Copyright 2010 The Go Authors, under Go's
// BSD-style licence), which is itself Naoki Shibata's method from SLEEF
// (public domain): "Efficient evaluation methods of elementary functions
// suitable for SIMD computation", ISC'10, 2010. Each lane performs the same
// IEEE operations as the scalar code, so the results are the same bits.

#include "textflag.h"

// Each constant four times, for 256-bit memory operands.
#define Q4(off, v) DATA expv<>+(off)(SB)/8, v; DATA expv<>+(off+8)(SB)/8, v; DATA expv<>+(off+16)(SB)/8, v; DATA expv<>+(off+24)(SB)/8, v

Q4(0, $1.4426950408889634073599246810018920)     // LOG2E
Q4(32, $0.69314718055966295651160180568695068359375) // LN2U
Q4(64, $0.28235290563031577122588448175013436025525412068e-12) // LN2L
Q4(96, $0.0625)
Q4(128, $2.4801587301587301587e-5)
Q4(160, $1.9841269841269841270e-4)
Q4(192, $1.3888888888888888889e-3)
Q4(224, $8.3333333333333333333e-3)
Q4(256, $4.1666666666666666667e-2)
Q4(288, $1.6666666666666666667e-1)
Q4(320, $0.5)
Q4(352, $1.0)
Q4(384, $2.0)
Q4(416, $-700.0)
Q4(448, $700.0)
Q4(480, $0x3FF) // the exponent's bias, as 64-bit integers
GLOBL expv<>(SB), RODATA|NOPTR, $512

// func expAVX2(x []float64) int
//
// Replaces x[0:4n] by math.Exp of each, four at a time, and returns 4n:
// it stops before the first group of four with a value outside
// [-700, 700] (or NaN), and at the last whole group. In that range
// math.Exp takes none of its special cases: the exponent k = round(x·log2e)
// is within ±1010, so 2^k is a normal number and needs no second step.
TEXT ·expAVX2(SB), NOSPLIT, $0-32
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	XORQ AX, AX
	VMOVUPD expv<>+416(SB), Y14 // -700
	VMOVUPD expv<>+448(SB), Y15 // 700

loop:
	LEAQ 4(AX), DX
	CMPQ DX, CX
	JGT  done
	VMOVUPD (SI)(AX*8), Y0
	// All four in [-700, 700]: ordered comparisons, false for NaN.
	VCMPPD $0x1D, Y14, Y0, Y2 // x >= -700
	VCMPPD $0x12, Y15, Y0, Y3 // x <= 700
	VANDPD Y3, Y2, Y2
	VMOVMSKPD Y2, BX
	CMPL BX, $15
	JNE  done

	VMULPD   expv<>+0(SB), Y0, Y1 // x·log2e
	VCVTPD2DQY Y1, X5             // k, rounded as CVTSD2SL rounds
	VCVTDQ2PD X5, Y1
	VFNMADD231PD expv<>+32(SB), Y1, Y0 // x -= k·LN2U
	VFNMADD231PD expv<>+64(SB), Y1, Y0 // x -= k·LN2L
	VMULPD   expv<>+96(SB), Y0, Y0     // reduce the argument
	// Taylor series evaluation
	VMOVUPD  expv<>+128(SB), Y1
	VFMADD213PD expv<>+160(SB), Y0, Y1
	VFMADD213PD expv<>+192(SB), Y0, Y1
	VFMADD213PD expv<>+224(SB), Y0, Y1
	VFMADD213PD expv<>+256(SB), Y0, Y1
	VFMADD213PD expv<>+288(SB), Y0, Y1
	VFMADD213PD expv<>+320(SB), Y0, Y1
	VFMADD213PD expv<>+352(SB), Y0, Y1
	VMULPD   Y1, Y0, Y0
	VADDPD   expv<>+384(SB), Y0, Y1
	VMULPD   Y1, Y0, Y0
	VADDPD   expv<>+384(SB), Y0, Y1
	VMULPD   Y1, Y0, Y0
	VADDPD   expv<>+384(SB), Y0, Y1
	VMULPD   Y1, Y0, Y0
	VADDPD   expv<>+384(SB), Y0, Y1
	VFMADD213PD expv<>+352(SB), Y1, Y0
	// × 2^k
	VPMOVSXDQ X5, Y5
	VPADDQ   expv<>+480(SB), Y5, Y5
	VPSLLQ   $52, Y5, Y5
	VMULPD   Y5, Y0, Y0
	VMOVUPD  Y0, (SI)(AX*8)
	MOVQ DX, AX
	JMP  loop

done:
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET
