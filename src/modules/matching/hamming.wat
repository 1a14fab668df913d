;; Brute-force Hamming 2-NN of 256-bit (32-byte) ORB descriptors.
;;
;; `i64.popcnt` counts the differing bits of 64 bits in one instruction, 4 per descriptor pair, where JavaScript needs
;; a 12-operation bit trick per 32 bits (8 per pair). For every query descriptor the module finds its nearest and
;; second-nearest distance over all candidate descriptors and the nearest's index; the ratio test stays in verify.ts,
;; so the pairs are those of the JavaScript reference (bench/reference/matchers.ts; test/matching/method.test.ts).
;;
;; Source of hamming.wasm, which hamming-wasm.ts loads: `npm run build:wasm` assembles it with wabt (wat2wasm), and
;; test/matching/hamming-wasm.test.ts fails when the committed hamming.wasm is not what this file assembles to.
(module
  ;; nearest(a, nq, b, nc, out): nq query descriptors of 32 bytes at a, nc candidate descriptors at b; writes
  ;; [best, second, bestIndex] as 3 × i32 per query descriptor at out. With no candidates: 257, 257, -1.
  ;; Ties keep the first (lowest-index) candidate, as a plain loop with strict comparisons does.
  (func (export "nearest") (param $a i32) (param $nq i32) (param $b i32) (param $nc i32) (param $out i32)
    (local $i i32)       ;; query descriptor
    (local $j i32)       ;; candidate descriptor
    (local $p i32)       ;; address of query descriptor i, then of its 3 results
    (local $q i32)       ;; address of candidate descriptor j
    (local $best i32)
    (local $second i32)
    (local $bestJ i32)
    (local $d i32)       ;; distance of the pair (i, j)
    (local $w0 i64)      ;; query descriptor i as 4 × 64 bits, read once per query descriptor
    (local $w1 i64)
    (local $w2 i64)
    (local $w3 i64)

    i32.const 0
    local.set $i
    block $queries_done
      loop $each_query
        ;; while (i < nq)
        local.get $i
        local.get $nq
        i32.ge_u
        br_if $queries_done

        ;; p = a + i * 32; w0..w3 = the descriptor's four 64-bit words
        local.get $a
        local.get $i
        i32.const 32
        i32.mul
        i32.add
        local.set $p
        local.get $p
        i64.load
        local.set $w0
        local.get $p
        i64.load offset=8
        local.set $w1
        local.get $p
        i64.load offset=16
        local.set $w2
        local.get $p
        i64.load offset=24
        local.set $w3

        ;; best = second = 257 (more than 256 bits can differ by), bestJ = -1
        i32.const 257
        local.set $best
        i32.const 257
        local.set $second
        i32.const -1
        local.set $bestJ

        ;; j = 0, q = b
        i32.const 0
        local.set $j
        local.get $b
        local.set $q
        block $candidates_done
          loop $each_candidate
            ;; while (j < nc)
            local.get $j
            local.get $nc
            i32.ge_u
            br_if $candidates_done

            ;; d = popcnt(w0 ^ q[0]) + popcnt(w1 ^ q[1]) + popcnt(w2 ^ q[2]) + popcnt(w3 ^ q[3])
            local.get $w0
            local.get $q
            i64.load
            i64.xor
            i64.popcnt
            local.get $w1
            local.get $q
            i64.load offset=8
            i64.xor
            i64.popcnt
            i64.add
            local.get $w2
            local.get $q
            i64.load offset=16
            i64.xor
            i64.popcnt
            i64.add
            local.get $w3
            local.get $q
            i64.load offset=24
            i64.xor
            i64.popcnt
            i64.add
            i32.wrap_i64
            local.set $d

            ;; if (d < best) { second = best; best = d; bestJ = j } else if (d < second) second = d
            local.get $d
            local.get $best
            i32.lt_u
            if
              local.get $best
              local.set $second
              local.get $d
              local.set $best
              local.get $j
              local.set $bestJ
            else
              local.get $d
              local.get $second
              i32.lt_u
              if
                local.get $d
                local.set $second
              end
            end

            ;; q += 32; j += 1
            local.get $q
            i32.const 32
            i32.add
            local.set $q
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br $each_candidate
          end
        end

        ;; p = out + i * 12; p[0] = best, p[1] = second, p[2] = bestJ
        local.get $out
        local.get $i
        i32.const 12
        i32.mul
        i32.add
        local.tee $p
        local.get $best
        i32.store
        local.get $p
        local.get $second
        i32.store offset=4
        local.get $p
        local.get $bestJ
        i32.store offset=8

        ;; i += 1
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $each_query
      end
    end
  )

  ;; Two pages (128 KiB) to start with; hamming-wasm.ts grows the memory when a pair of descriptor sets needs more.
  (memory (export "memory") 2)
)
