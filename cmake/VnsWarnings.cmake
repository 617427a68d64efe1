# vns_add_warnings(target): our warning set, for our own targets only.
function(vns_add_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -pedantic -Wstrict-prototypes
      -Wmissing-prototypes -Wshadow -Wformat=2 -Wundef -Wcast-qual>
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -pedantic>)
  if(VNS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
